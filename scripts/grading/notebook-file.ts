/**
 * Reading a submitted notebook without trusting it: whatever a learner's editor
 * (or a learner) did to the file, the grader gets either cells to look at or one
 * sentence saying what is wrong with the file. The course's own notebooks are
 * read the same way, a problem with one being an error.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { errorMessage } from "../../lib/util/errors";
import { PROJECT_ROOT } from "../jupyter-env";
import { sourceText, type Notebook, type NotebookCell } from "../learner-notebook";

export type ReadResult = { notebook: Notebook; problem?: undefined } | { notebook?: undefined; problem: string };

export function readNotebookFile(file: string): ReadResult {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return { problem: `cannot read the file: ${errorMessage(error)}` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not a notebook: the file is not valid JSON (${errorMessage(error)}). Was it saved by Jupyter, or edited in a text editor?` };
  }
  const problem = notebookShapeProblem(value);
  return problem === undefined ? { notebook: value as Notebook } : { problem };
}

/** A notebook of the course's own (a solution, a lesson to export): its cells, or an error naming the file and what is wrong with it. */
export function readNotebook(file: string): Notebook {
  const { notebook, problem } = readNotebookFile(file);
  if (notebook !== undefined) return notebook;
  const relative = path.relative(PROJECT_ROOT, path.resolve(file));
  throw new Error(`${relative.startsWith("..") ? file : relative}: ${problem}`);
}

function notebookShapeProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "not a notebook: the JSON is not an object with a `cells` list";
  const { cells, metadata } = value as { cells?: unknown; metadata?: unknown };
  if (!Array.isArray(cells)) return "not a notebook: the JSON has no `cells` list";
  if (metadata !== undefined && (metadata === null || typeof metadata !== "object")) return "not a notebook: its `metadata` is not an object";
  const bad = cells.findIndex((cell) => {
    if (cell === null || typeof cell !== "object") return true;
    const { cell_type, source, metadata: cellMetadata } = cell as Record<string, unknown>;
    const sourceOk = typeof source === "string" || (Array.isArray(source) && source.every((s) => typeof s === "string"));
    const metadataOk = cellMetadata === undefined || (cellMetadata !== null && typeof cellMetadata === "object");
    return typeof cell_type !== "string" || !sourceOk || !metadataOk;
  });
  return bad === -1 ? undefined : `not a valid notebook: cell ${bad + 1} has no cell_type, source or metadata of the right kind`;
}

/** The exercise id a cell carries (`metadata.nbgrader.grade_id`), if any. */
export function gradeId(cell: NotebookCell): string | undefined {
  const id = (cell.metadata?.nbgrader as { grade_id?: unknown } | undefined)?.grade_id;
  return typeof id === "string" ? id : undefined;
}

/** Every cell carrying this exercise id, with its 1-based position, in notebook order. */
export function cellsWithId(notebook: Notebook, id: string): Array<{ cell: NotebookCell; position: number; source: string }> {
  return notebook.cells.flatMap((cell, index) => (gradeId(cell) === id ? [{ cell, position: index + 1, source: sourceText(cell) }] : []));
}
