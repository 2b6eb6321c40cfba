/**
 * The lessons as their notebooks describe themselves (scripts/lessons.ts):
 * which notebooks a command line names, titles and course order, aims and
 * headline results, on small hand-made notebooks.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lessonAims, lessonOf, lessonResult, resolveLessons } from "../scripts/lessons";
import { code, html, markdown, notebook, stdout } from "./fixtures/notebook-cells";

describe("resolveLessons", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "export-lessons-"));
  for (const name of ["00-setup.ipynb", "01-exploring-reviews.ipynb", "10-extra.ipynb", "README.md"]) writeFileSync(path.join(dir, name), "{}");
  const elsewhere = path.join(dir, "elsewhere", "my-lesson.ipynb");
  mkdirSync(path.dirname(elsewhere));
  writeFileSync(elsewhere, "{}");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("takes every notebook of the folder, by file name, when no lesson is named", () => {
    expect(resolveLessons([], dir).map((f) => path.basename(f))).toEqual(["00-setup.ipynb", "01-exploring-reviews.ipynb", "10-extra.ipynb"]);
  });

  it("finds a lesson by number, name, file name or path, once each", () => {
    const found = resolveLessons(["01", "1", "10-extra", "00-setup.ipynb", elsewhere], dir);
    expect(found).toEqual([path.join(dir, "01-exploring-reviews.ipynb"), path.join(dir, "10-extra.ipynb"), path.join(dir, "00-setup.ipynb"), elsewhere]);
  });

  it("names the lessons there when a name is unknown", () => {
    expect(() => resolveLessons(["07"], dir)).toThrow(/Unknown lesson "07"\. Lessons in .*: 00-setup, 01-exploring-reviews, 10-extra\./);
    expect(() => resolveLessons(["setup"], dir)).toThrow(/Unknown lesson "setup"/);
  });
});

describe("lesson titles and order", () => {
  it("takes the title from metadata, else the first heading, else the file name", () => {
    const cells = [markdown("Some text\n\n## 1. Exploring the reviews ##\n\n# Later heading")];
    expect(lessonOf(notebook(cells, { imdb_course: { title: "Exploring the reviews" } }), "x.ipynb").title).toBe("Exploring the reviews");
    expect(lessonOf(notebook(cells), "x.ipynb").title).toBe("1. Exploring the reviews");
    expect(lessonOf(notebook([code("# not a heading")]), "dir/05-lstm.ipynb").title).toBe("05-lstm");
  });

  it("places a lesson by metadata, else by the file name's number, else last", () => {
    expect(lessonOf(notebook([], { imdb_course: { lesson: 3 } }), "07-x.ipynb").number).toBe(3);
    expect(lessonOf(notebook([]), "dir/07-x.ipynb").number).toBe(7);
    expect(lessonOf(notebook([]), "appendix.ipynb").number).toBe(Number.POSITIVE_INFINITY);
  });
});

describe("lessonAims and lessonResult", () => {
  const first = markdown("# 3. Embeddings\n\nA review becomes a sequence.\n\n## Not this\n\nNor this.\n\nYou will train a network.");
  it("take the first paragraph, a list it introduces, and the paragraph saying what learners will do", () => {
    expect(lessonAims(notebook([first, markdown("You will not see this.")]))).toEqual(["A review becomes a sequence.", "You will train a network."]);
    expect(lessonAims(notebook([markdown("# 1. Data\n\nThis lesson looks at:\n\n- lengths\n- words\n\nMore.")]))).toEqual(["This lesson looks at:", "- lengths\n- words"]);
    expect(lessonAims(notebook([code("1")]))).toEqual([]);
  });

  it("take the first printed line that starts with \"Result: \", or nothing", () => {
    const printed = notebook([first, code("x", [stdout("epoch 1\n"), stdout("Result: 88.9% test accuracy (multi-hot MLP)\nbye\n")]), code("y", [stdout("Result: later\n")])]);
    expect(lessonResult(printed)).toBe("88.9% test accuracy (multi-hot MLP)");
    expect(lessonResult(notebook([code("x", [stdout("no Result: here\n"), html("<p>Result: html</p>")])]))).toBeUndefined();
  });
});
