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

/** An integer in [min, max]; `undefined` gives `fallback`. */
export function integerOption(where: string, name: string, value: unknown, min: number, max: number, fallback: number): number {
  return value === undefined ? fallback : requiredIntegerOption(where, name, value, min, max);
}

/** An integer in [min, max] that must be given. */
export function requiredIntegerOption(where: string, name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${where}: ${name} must be an integer from ${min} to ${max}, got ${describeValue(value)}.`);
  }
  return value;
}

/** Like `integerOption`, but `null` is accepted too and means "none". */
export function nullableIntegerOption(
  where: string, name: string, value: unknown, min: number, max: number, fallback: number | null,
): number | null {
  if (value === null) return null;
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${where}: ${name} must be null or an integer from ${min} to ${max}, got ${describeValue(value)}.`);
  }
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
