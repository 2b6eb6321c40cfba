/**
 * Doc comments in lib/ and scripts/ point readers to where a lesson explains
 * the code, as `lesson N, "Heading"`. Lessons get rewritten; this keeps each
 * such pointer naming a heading that lesson really has.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { typeScriptFiles } from "./typescript-sources";

const ROOT = path.join(__dirname, "..");

/** Headings of each solution notebook by lesson number, without the "N. " of the title. */
function lessonHeadings(): Map<number, string[]> {
  const headings = new Map<number, string[]>();
  for (const name of readdirSync(path.join(ROOT, "solutions")).filter((file) => /^\d\d-.*\.ipynb$/.test(file))) {
    const notebook = JSON.parse(readFileSync(path.join(ROOT, "solutions", name), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    const lines = notebook.cells
      .filter((cell) => cell.cell_type === "markdown")
      .flatMap((cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source).split("\n"));
    const texts = lines.flatMap((line) => /^#+\s+(?:\d+\.\s+)?(.+)$/.exec(line)?.[1].trim() ?? []);
    headings.set(Number(name.slice(0, 2)), texts);
  }
  return headings;
}

interface Reference {
  where: string;
  lesson: number;
  heading: string;
}

function lessonReferences(file: string): Reference[] {
  const source = readFileSync(file, "utf8");
  // A doc comment may wrap a pointer over two lines: "(lesson 3,\n * "Heading")".
  const pattern = /lessons? (\d+)(?:-\d+)?,\s*(?:\*\s*)?"([^"]+)"/g;
  return [...source.matchAll(pattern)].map((match) => ({
    where: `${path.relative(ROOT, file)}:${source.slice(0, match.index).split("\n").length}`,
    lesson: Number(match[1]),
    heading: match[2].replace(/\s*\n\s*\*\s*/g, " "),
  }));
}

/** A pointer may shorten a heading ("Bag of n-grams" for the whole title) but not change it. */
function isHeadingOf(reference: Reference, headings: Map<number, string[]>): boolean {
  return (headings.get(reference.lesson) ?? []).some((heading) => heading.startsWith(reference.heading));
}

describe("lesson references in lib/ and scripts/", () => {
  const headings = lessonHeadings();
  const references = [...typeScriptFiles(path.join(ROOT, "lib")), ...typeScriptFiles(path.join(ROOT, "scripts"))].flatMap(lessonReferences);

  it("are found, and lessons 0-9 have headings", () => {
    expect(references.length).toBeGreaterThan(50);
    expect([...headings.keys()].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("each name a heading of the lesson they point to", () => {
    expect(references.filter((reference) => !isHeadingOf(reference, headings)).map((r) => `${r.where}: lesson ${r.lesson}, "${r.heading}"`)).toEqual([]);
  });

  it("would catch a renamed heading", () => {
    expect(isHeadingOf({ where: "x", lesson: 3, heading: "Embeddings + MLP" }, headings)).toBe(false);
    expect(isHeadingOf({ where: "x", lesson: 7, heading: "Bag of n-grams" }, headings)).toBe(true);
  });
});
