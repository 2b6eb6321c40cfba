/** Checking option objects, with errors that name the option and what it accepts. */

export function checkKnownKeys(where: string, options: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${where}: options must be an object such as { ${allowed[0]}: … }, got ${describeValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new Error(`${where}: unknown option "${key}". Allowed options: ${allowed.join(", ")}.`);
    }
  }
  return options as Record<string, unknown>;
}

/** The largest seed of the project's generators (mulberry32 and numpy's MT19937 take 32-bit seeds, from 0 up). */
export const MAX_SEED = 4_294_967_295;

/**
 * An integer from `min` to `max` (Infinity for no upper bound); `undefined`
 * gives `fallback`. `hint`, if given, follows the range in the error, in brackets.
 */
export function integerOption(where: string, name: string, value: unknown, min: number, max: number, fallback: number, hint?: string): number {
  return value === undefined ? fallback : requiredIntegerOption(where, name, value, min, max, hint);
}

/** Like `integerOption`, but the value must be given. */
export function requiredIntegerOption(where: string, name: string, value: unknown, min: number, max: number, hint?: string): number {
  if (!isIntegerIn(value, min, max)) throw new RangeError(rangeMessage(where, name, integerRange(min, max), value, hint));
  return value;
}

/** Like `integerOption`, but `null` is accepted too and means "none". */
export function nullableIntegerOption(
  where: string, name: string, value: unknown, min: number, max: number, fallback: number | null,
): number | null {
  if (value === null) return null;
  if (value === undefined) return fallback;
  if (!isIntegerIn(value, min, max)) throw new RangeError(rangeMessage(where, name, `null or ${integerRange(min, max)}`, value));
  return value;
}

/** Bounds of a number option; `exclusive` excludes both bounds given (`{ min: 0, exclusive: true }`: > 0). */
export interface NumberRange {
  min?: number;
  max?: number;
  exclusive?: boolean;
}

/** A finite number in `range`; `undefined` gives `fallback`. `hint` as for `integerOption`. */
export function numberOption(where: string, name: string, value: unknown, range: NumberRange, fallback: number, hint?: string): number {
  return value === undefined ? fallback : requiredNumberOption(where, name, value, range, hint);
}

/** Like `numberOption`, but the value must be given. */
export function requiredNumberOption(where: string, name: string, value: unknown, range: NumberRange, hint?: string): number {
  const { min = -Infinity, max = Infinity, exclusive = false } = range;
  const inside = typeof value === "number" && Number.isFinite(value)
    && (exclusive ? value > min && value < max : value >= min && value <= max);
  if (!inside) throw new RangeError(rangeMessage(where, name, numberRange(min, max, exclusive), value, hint));
  return value;
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

function integerRange(min: number, max: number): string {
  return max === Infinity ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
}

function numberRange(min: number, max: number, exclusive: boolean): string {
  const [above, below] = exclusive ? [">", "<"] : ["≥", "≤"];
  if (max === Infinity) return min === -Infinity ? "a finite number" : `a number ${above} ${min}`;
  if (min === -Infinity) return `a number ${below} ${max}`;
  return exclusive ? `a number > ${min} and < ${max}` : `a number from ${min} to ${max}`;
}

function rangeMessage(where: string, name: string, range: string, value: unknown, hint?: string): string {
  return `${where}: ${name} must be ${range}${hint === undefined ? "" : ` (${hint})`}, got ${describeValue(value)}.`;
}

/** A string that must be given. */
export function requiredStringOption(where: string, name: string, value: unknown): string {
  if (typeof value !== "string") throw new TypeError(`${where}: ${name} must be a string, got ${describeValue(value)}.`);
  return value;
}

export function choiceOption<T extends string>(where: string, name: string, value: unknown, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !(choices as readonly string[]).includes(value)) {
    throw new RangeError(`${where}: ${name} must be one of ${choices.map((c) => `"${c}"`).join(", ")}, got ${describeValue(value)}.`);
  }
  return value as T;
}

export function functionOption<F extends (...args: never[]) => unknown>(where: string, name: string, value: unknown): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") throw new TypeError(`${where}: ${name} must be a function, got ${describeValue(value)}.`);
  return value as F;
}

export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return `a${typeof value === "object" ? "n object" : ` ${typeof value}`}`;
}
