/**
 * A learner's notebooks in notebooks/ are never lost to `npm run build:notebooks`:
 * each generated notebook records a hash of its cells' sources in its metadata
 * (Jupyter keeps notebook metadata when it saves), so the generator can tell a
 * notebook it wrote from one the learner changed, and moves the latter to
 * `<name>.mine.ipynb` before writing the new version.
 */
import { createHash } from "node:crypto";
import { existsSync, renameSync } from "node:fs";
import { readNotebookFile } from "./grading/notebook-file";
import { formatNotebook, sourceText, toLearnerNotebook, type Notebook } from "./learner-notebook";

/** Where a generated notebook records the hash of the sources it was generated with. */
export const GENERATED_KEY = "imdb_course_generated";
/** A learner's own copy, kept when build:notebooks replaces a lesson they changed. */
export const MINE = /\.mine(-\d+)?\.ipynb$/;

function sourcesHash(notebook: Notebook): string {
  const sources = notebook.cells.map((cell) => [cell.cell_type, sourceText(cell)]);
  return createHash("sha256").update(JSON.stringify(sources)).digest("hex").slice(0, 16);
}

/** The learner's copy of a solution, carrying the hash of its sources. */
export function learnerNotebookText(solution: Notebook, solutionName: string): string {
  const learner = toLearnerNotebook(solution, solutionName);
  return formatNotebook({ ...learner, metadata: { ...learner.metadata, [GENERATED_KEY]: { sources_sha256: sourcesHash(learner) } } });
}

/**
 * True when the notebook at `file` holds a learner's work: outputs of a run, or
 * cells' sources that differ from those it was generated with (for a notebook
 * without the record, from those of the new version).
 */
export function changedByLearner(file: string, generatedText: string): boolean {
  const { notebook } = readNotebookFile(file);
  if (notebook === undefined) return true;
  if (notebook.cells.some((cell) => (cell.outputs ?? []).length > 0)) return true;
  const recorded = (notebook.metadata[GENERATED_KEY] as { sources_sha256?: string } | undefined)?.sources_sha256;
  return sourcesHash(notebook) !== (recorded ?? sourcesHash(JSON.parse(generatedText) as Notebook));
}

/** Moves a learner's notebook out of the way to `<name>.mine.ipynb` (or .mine-2, …), never over another file. */
export function keepLearnerCopy(file: string): string {
  const stem = file.replace(/\.ipynb$/, "");
  let copy = `${stem}.mine.ipynb`;
  for (let n = 2; existsSync(copy); n++) copy = `${stem}.mine-${n}.ipynb`;
  renameSync(file, copy);
  return copy;
}
