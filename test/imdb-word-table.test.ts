import { describe, expect, it } from "vitest";
import { WordTable } from "../lib/data/imdb/word-table";

describe("WordTable", () => {
  it("numbers words in first-seen order from any slice of a string", () => {
    const table = new WordTable();
    const source = "the cat, the hat; cat";
    const slices: [number, number][] = [[0, 3], [4, 7], [9, 12], [13, 16], [18, 21]];
    expect(slices.map(([start, end]) => table.numberOf(source, start, end))).toEqual([0, 1, 0, 2, 1]);
    expect(table.words()).toEqual(["the", "cat", "hat"]);
  });

  it("agrees with a Map over 100,000 distinct words (growing and rehashing), non-ASCII included", () => {
    const table = new WordTable();
    const reference = new Map<string, number>();
    const words = Array.from({ length: 100_000 }, (_, i) => `w${i.toString(36)}${i % 7 === 0 ? "é😀" : ""}`);
    const got: number[] = [];
    const expected: number[] = [];
    for (const word of [...words, ...words.slice(0, 1000)]) {
      if (!reference.has(word)) reference.set(word, reference.size);
      expected.push(reference.get(word)!);
      got.push(table.numberOf(`  ${word} `, 2, 2 + word.length));
    }
    expect(got).toEqual(expected);
    expect(table.size).toBe(100_000);
    expect(table.words()).toEqual(words);
  });
});
