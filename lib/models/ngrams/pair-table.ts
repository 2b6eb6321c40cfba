/**
 * A hash table from pairs of non-negative 32-bit integers to non-negative
 * integers, in typed arrays: open addressing, linear probing, kept at most
 * half full (lesson 7, used to number n-grams).
 */
export class PairTable {
  private firsts: Int32Array;
  private seconds: Int32Array;
  /** -1 marks an empty slot. */
  private values: Int32Array;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    const capacity = 2 ** Math.ceil(Math.log2(Math.max(initialCapacity, 2)));
    this.firsts = new Int32Array(capacity);
    this.seconds = new Int32Array(capacity);
    this.values = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for (first, second), or -1. */
  get(first: number, second: number): number {
    const mask = this.values.length - 1;
    for (let slot = hash(first, second) & mask; ; slot = (slot + 1) & mask) {
      const value = this.values[slot];
      if (value < 0 || (this.firsts[slot] === first && this.seconds[slot] === second)) return value;
    }
  }

  /** Stores value (≥ 0) for (first, second), replacing any earlier one. */
  set(first: number, second: number, value: number): void {
    if (!(value >= 0 && value <= 0x7fffffff && first >= 0 && second >= 0)) {
      throw new RangeError(`PairTable holds non-negative 32-bit integers; got (${first}, ${second}) → ${value}.`);
    }
    if (2 * (this.count + 1) > this.values.length) this.grow();
    if (this.place(first, second, value)) this.count++;
  }

  /** Writes the entry; true if it was new. */
  private place(first: number, second: number, value: number): boolean {
    const mask = this.values.length - 1;
    for (let slot = hash(first, second) & mask; ; slot = (slot + 1) & mask) {
      if (this.values[slot] < 0 || (this.firsts[slot] === first && this.seconds[slot] === second)) {
        const isNew = this.values[slot] < 0;
        this.firsts[slot] = first;
        this.seconds[slot] = second;
        this.values[slot] = value;
        return isNew;
      }
    }
  }

  private grow(): void {
    const { firsts, seconds, values } = this;
    this.firsts = new Int32Array(values.length * 2);
    this.seconds = new Int32Array(values.length * 2);
    this.values = new Int32Array(values.length * 2).fill(-1);
    for (let slot = 0; slot < values.length; slot++) {
      if (values[slot] >= 0) this.place(firsts[slot], seconds[slot], values[slot]);
    }
  }
}

/** Mixes both integers into every bit (multiply-xorshift), so that nearby pairs spread over the table. */
function hash(first: number, second: number): number {
  let h = Math.imul(first, 0x9e3779b1) ^ Math.imul(second + 0x7f4a7c15, 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}
