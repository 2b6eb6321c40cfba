import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { NotebookCell } from "../scripts/learner-notebook";
import { lessonOf } from "../scripts/lessons";
import { BEGIN_MARKER, END_MARKER, headlineResult, resultsTable, solutionLessons, withResultsTable } from "../scripts/readme-results";

const ROOT = path.resolve(__dirname, "..");

function stdout(text: string | string[]) {
  return { output_type: "stream", name: "stdout", text };
}

function lesson(fileName: string, cells: NotebookCell[], metadata: Record<string, unknown> = {}) {
  return lessonOf({ nbformat: 4, nbformat_minor: 5, metadata, cells }, fileName);
}

const markdown = (source: string): NotebookCell => ({ cell_type: "markdown", source, metadata: {} });
const code = (outputs: unknown[]): NotebookCell => ({ cell_type: "code", source: "", metadata: {}, outputs, execution_count: 1 });

describe("README results table", () => {
  it("is the one the committed solution notebooks give (run `npm run readme` when this fails)", () => {
    const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(withResultsTable(readme, resultsTable(solutionLessons()))).toBe(readme);
  });

  it("takes a lesson's result from its one printed line that starts with 'Result: '", () => {
    const trained = lesson("09-trained.ipynb", [
      markdown("# 9. Training something\n\nText."),
      code([stdout("epoch 1: loss 0.5\n"), { output_type: "stream", name: "stderr", text: "Result: from stderr\n" }]),
      code([stdout(["test accuracy 90.00%\n", "Result: 90.00% test accuracy | 3 epochs\n", "done\n"])]),
    ]);
    expect(headlineResult(trained)).toBe("90.00% test accuracy | 3 epochs");
    expect(headlineResult(lesson("10-quiet.ipynb", [code([stdout("no headline here; Result: mid-line\n")])]))).toBeUndefined();
  });

  it("refuses a lesson that prints two results", () => {
    const twice = lesson("11-twice.ipynb", [code([stdout("Result: 1%\n")]), code([stdout("Result: 2%\n")])]);
    expect(() => headlineResult(twice)).toThrow(/11-twice\.ipynb prints 2 lines starting with "Result: " \("1%", "2%"\)/);
  });

  it("builds one row per lesson in course order, with a dash where a lesson has no result", () => {
    const table = resultsTable([
      lesson("12-second.ipynb", [markdown("Intro without heading"), markdown("## 12. Second lesson"), code([stdout("Result: 88% a|b\n")])]),
      lesson("02-first.ipynb", [code([])], { imdb_course: { lesson: 2, title: "First lesson" } }),
    ]);
    expect(table).toBe(
      [
        "| lesson | notebook | result of the committed full-scale run |",
        "|---|---|---|",
        "| 2. First lesson | [`02-first.ipynb`](solutions/02-first.ipynb) | — |",
        "| 12. Second lesson | [`12-second.ipynb`](solutions/12-second.ipynb) | 88% a\\|b |",
      ].join("\n"),
    );
  });

  it("replaces only what lies between the markers, and says where they go when they are missing", () => {
    const readme = `# Title\n\nBefore.\n\n${BEGIN_MARKER}\nold table\n${END_MARKER}\n\nAfter.\n`;
    expect(withResultsTable(readme, "new table")).toBe(`# Title\n\nBefore.\n\n${BEGIN_MARKER}\nnew table\n${END_MARKER}\n\nAfter.\n`);
    expect(() => withResultsTable("# Title\n", "new table")).toThrow(/no results block.*npm run readme/s);
  });
});
