/**
 * numpy's legacy `RandomState` shuffle (MT19937 seeded with an integer, then
 * Fisher-Yates drawing each swap position by masked rejection sampling), so
 * that `loadData({ seed })` permutes reviews with the very permutation Keras'
 * `np.random.RandomState(seed).shuffle` produces for the same count.
 *
 * The one exception to the project's generator and shuffle (`mulberry32` in
 * ./random, `shuffledIndices` in ./shuffle), for Keras compatibility.
 */

const N = 624;
const M = 397;

export class MersenneTwister {
  private readonly state = new Uint32Array(N);
  private position = N;

  /** `seed`: an integer from 0 to 2^32 - 1, as numpy's `RandomState(seed)` accepts. */
  constructor(seed: number) {
    this.state[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const previous = this.state[i - 1] ^ (this.state[i - 1] >>> 30);
      // 1812433253 * previous + i, modulo 2^32, without losing bits in doubles.
      this.state[i] = (Math.imul(1812433253, previous) + i) >>> 0;
    }
  }

  nextUint32(): number {
    if (this.position >= N) this.twist();
    let y = this.state[this.position++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < N; i++) {
      const y = (s[i] & 0x80000000) | (s[(i + 1) % N] & 0x7fffffff);
      s[i] = s[(i + M) % N] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
    }
    this.position = 0;
  }
}

/** A uniform integer in [0, max] (numpy's `random_interval` for max < 2^32). */
function randomInterval(rng: MersenneTwister, max: number): number {
  if (max === 0) return 0;
  let mask = max;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  mask >>>= 0;
  let value: number;
  do value = (rng.nextUint32() & mask) >>> 0;
  while (value > max);
  return value;
}

/** Shuffles `items` in place exactly as numpy's `RandomState.shuffle` does a 1-D array. */
export function shuffleLikeNumpy<T>(items: T[] | Int32Array, rng: MersenneTwister): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInterval(rng, i);
    const held = items[i];
    items[i] = items[j];
    items[j] = held;
  }
}
