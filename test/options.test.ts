import { describe, expect, it } from "vitest";
import {
  checkKnownKeys, choiceOption, integerOption, nullableIntegerOption, numberOption, requiredIntegerOption, requiredNumberOption,
  requiredStringOption,
} from "../lib/util/options";

describe("option checks", () => {
  it("return the value given, or the fallback when it is undefined", () => {
    expect(integerOption("f", "n", 3, 1, 5, 2)).toBe(3);
    expect(integerOption("f", "n", undefined, 1, 5, 2)).toBe(2);
    expect(nullableIntegerOption("f", "n", null, 1, 5, 2)).toBeNull();
    expect(numberOption("f", "x", 0.5, { min: 0, max: 1, exclusive: true }, 0.2)).toBe(0.5);
    expect(numberOption("f", "x", undefined, { min: 0 }, 7)).toBe(7);
    expect(choiceOption("f", "c", undefined, ["a", "b"], "b")).toBe("b");
    expect(requiredStringOption("f", "s", "")).toBe("");
  });

  it("name the function, the option, what it accepts and what it got, in one sentence style", () => {
    expect(() => requiredIntegerOption("f", "n", 6, 1, 5)).toThrow("f: n must be an integer from 1 to 5, got 6.");
    expect(() => requiredIntegerOption("f", "n", 0, 1, Infinity, "the count")).toThrow("f: n must be an integer ≥ 1 (the count), got 0.");
    expect(() => integerOption("f", "n", "3", 1, 5, 2)).toThrow('f: n must be an integer from 1 to 5, got "3".');
    expect(() => nullableIntegerOption("f", "n", 1.5, 1, 5, null)).toThrow("f: n must be null or an integer from 1 to 5, got 1.5.");
    expect(() => requiredNumberOption("f", "x", 0, { min: 0, exclusive: true })).toThrow("f: x must be a number > 0, got 0.");
    expect(() => requiredNumberOption("f", "x", -1, { min: 0 })).toThrow("f: x must be a number ≥ 0, got -1.");
    expect(() => requiredNumberOption("f", "x", 1, { min: 0, max: 1, exclusive: true })).toThrow("f: x must be a number > 0 and < 1, got 1.");
    expect(() => requiredNumberOption("f", "x", 101, { min: 0, max: 100 })).toThrow("f: x must be a number from 0 to 100, got 101.");
    expect(() => requiredNumberOption("f", "x", 2, { max: 1 })).toThrow("f: x must be a number ≤ 1, got 2.");
    expect(() => requiredNumberOption("f", "x", Infinity, {})).toThrow("f: x must be a finite number, got Infinity.");
    expect(() => choiceOption("f", "c", "z", ["a", "b"], "a")).toThrow('f: c must be one of "a", "b", got "z".');
    expect(() => requiredStringOption("f", "s", [])).toThrow("f: s must be a string, got an array.");
    expect(() => checkKnownKeys("f", { a: 1, b: 2 }, ["a"])).toThrow('f: unknown option "b". Allowed options: a.');
  });

  it("throw RangeError for a value out of range and TypeError for a value of the wrong kind", () => {
    expect(() => requiredIntegerOption("f", "n", 9, 1, 5)).toThrow(RangeError);
    expect(() => requiredNumberOption("f", "x", Number.NaN, {})).toThrow(RangeError);
    expect(() => requiredStringOption("f", "s", 1)).toThrow(TypeError);
    expect(() => checkKnownKeys("f", null, ["a"])).toThrow(TypeError);
  });
});
