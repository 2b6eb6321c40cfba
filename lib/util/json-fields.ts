/**
 * Reading the fields of a JSON file the course wrote, which a learner may have
 * edited by hand or copied from another version: every problem becomes an
 * error that names the file, the field, what was expected and what to do,
 * never a TypeError further on. No file access, so the exported demo page
 * checks the data it carries with this very code in the browser.
 */
import { describeValue } from "./options";

/** What a field must hold: in words, for the error, and as a test. */
export interface FieldKind<T> {
  expected: string;
  accepts(value: unknown): value is T;
}

export const STRING: FieldKind<string> = { expected: "a string", accepts: (value): value is string => typeof value === "string" };

export const BOOLEAN: FieldKind<boolean> = { expected: "true or false", accepts: (value): value is boolean => typeof value === "boolean" };

export const FINITE_NUMBER: FieldKind<number> = { expected: "a number", accepts: (value): value is number => Number.isFinite(value) };

export const JSON_OBJECT: FieldKind<Record<string, unknown>> = {
  expected: "an object ({ … })",
  accepts: (value): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value),
};

/** A whole number of at least `min`. */
export function integerFrom(min: number): FieldKind<number> {
  return { expected: `an integer from ${min} up`, accepts: (value): value is number => Number.isInteger(value) && (value as number) >= min };
}

/** One of a few given values. */
export function oneOf<T extends string | number>(values: readonly T[]): FieldKind<T> {
  return {
    expected: values.length === 1 ? JSON.stringify(values[0]) : `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    accepts: (value): value is T => (values as readonly unknown[]).includes(value),
  };
}

/** `kind`, or null. */
export function orNull<T>(kind: FieldKind<T>): FieldKind<T | null> {
  return { expected: `${kind.expected} or null`, accepts: (value): value is T | null => value === null || kind.accepts(value) };
}

/**
 * The checks of one JSON source: `source` names it in every error (a file
 * path), `remedy` ends every error with what to do.
 */
export class JsonFields {
  constructor(
    readonly source: string,
    readonly remedy: string,
    /** Put before field names: "metrics." for the fields of the "metrics" object. */
    private readonly prefix = "",
  ) {}

  /** The checks of the object in `field`, whose errors name its fields as `field.name`. */
  within(field: string): JsonFields {
    return new JsonFields(this.source, this.remedy, `${this.prefix}${field}.`);
  }

  /** The error for a field that holds `value` where `expected` was needed. */
  problem(field: string, expected: string, value: unknown): Error {
    const found = value === undefined ? "it is missing" : `it is ${describeValue(value)}`;
    return this.error(`"${this.prefix}${field}" should be ${expected}, but ${found}.`);
  }

  /** An error about this source: `${source}: ${what}` and the remedy. */
  error(what: string): Error {
    return new Error(`${this.source}: ${what} ${this.remedy}`);
  }

  /** The whole content, which must be an object. */
  root(content: unknown): Record<string, unknown> {
    if (!JSON_OBJECT.accepts(content)) {
      throw new Error(`${this.source} should hold a JSON object ({ … }), but it holds ${describeValue(content)}. ${this.remedy}`);
    }
    return content;
  }

  required<T>(record: Record<string, unknown>, field: string, kind: FieldKind<T>): T {
    const value = record[field];
    if (!kind.accepts(value)) throw this.problem(field, kind.expected, value);
    return value;
  }

  /** The field's value, or undefined when it is left out. */
  optional<T>(record: Record<string, unknown>, field: string, kind: FieldKind<T>): T | undefined {
    return record[field] === undefined ? undefined : this.required(record, field, kind);
  }

  /** An array whose every item is of `item`; the error names the first one that is not. */
  array<T>(record: Record<string, unknown>, field: string, item: FieldKind<T>): T[] {
    const values = record[field];
    if (!Array.isArray(values)) throw this.problem(field, `an array of ${item.expected}`, values);
    const bad = values.findIndex((value) => !item.accepts(value));
    if (bad >= 0) throw this.problem(`${field}[${bad}]`, item.expected, values[bad]);
    return values as T[];
  }
}
