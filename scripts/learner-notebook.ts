/**
 * Turning a solution notebook into the learner's copy (nbgrader's convention):
 * code between `// BEGIN SOLUTION` and `// END SOLUTION` becomes a line that
 * throws "not implemented yet", and every output is cleared.
 */
import { notSolvedMessage } from "../lib/display/exercises";

export interface NotebookCell {
  cell_type: "code" | "markdown" | "raw";
  id?: string;
  source: string | string[];
  metadata: Record<string, unknown> & { nbgrader?: { grade_id?: string; solution?: boolean; grade?: boolean; points?: number } };
  outputs?: unknown[];
  execution_count?: number | null;
}

export interface Notebook {
  cells: NotebookCell[];
  metadata: Record<string, unknown>;
  nbformat: number;
  nbformat_minor: number;
}

const BEGIN = /^(\s*)\/\/ BEGIN SOLUTION\s*$/;
const END = /^\s*\/\/ END SOLUTION\s*$/;

export function sourceText(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/** The message a learner sees when running an exercise they have not solved yet. */
export const stubMessage = notSolvedMessage;

/** Replaces every solution region of one cell's source with a throwing stub, keeping its indentation. */
export function stripSolutions(source: string, exerciseId: string): string {
  const out: string[] = [];
  let indent: string | undefined;
  for (const line of source.split("\n")) {
    const begin = BEGIN.exec(line);
    if (indent === undefined && begin) {
      indent = begin[1];
      continue;
    }
    if (indent !== undefined) {
      if (BEGIN.test(line)) throw new Error(`Exercise "${exerciseId}": "// BEGIN SOLUTION" inside another solution region.`);
      if (END.test(line)) {
        out.push(`${indent}throw new Error(${JSON.stringify(stubMessage(exerciseId))});`);
        indent = undefined;
      }
      continue;
    }
    if (END.test(line)) throw new Error(`Exercise "${exerciseId}": "// END SOLUTION" without a BEGIN.`);
    out.push(line);
  }
  if (indent !== undefined) throw new Error(`Exercise "${exerciseId}": "// BEGIN SOLUTION" is never closed by "// END SOLUTION".`);
  return out.join("\n");
}

/** The learner's copy of a solution notebook: solutions stubbed, outputs and counts cleared. */
export function toLearnerNotebook(solution: Notebook, notebookName: string): Notebook {
  const seen = new Set<string>();
  const cells = solution.cells.map((cell, index): NotebookCell => {
    const source = sourceText(cell);
    const hasSolution = source.split("\n").some((line) => BEGIN.test(line));
    const exerciseId = cell.metadata.nbgrader?.grade_id;
    if (hasSolution && !exerciseId) {
      throw new Error(`${notebookName}, cell ${index + 1}: a solution region needs metadata.nbgrader.grade_id (the exercise id graders use).`);
    }
    if (exerciseId) {
      if (seen.has(exerciseId)) throw new Error(`${notebookName}: exercise id "${exerciseId}" is used twice.`);
      seen.add(exerciseId);
    }
    const learnerSource = hasSolution ? stripSolutions(source, exerciseId as string) : source;
    const copy: NotebookCell = { ...cell, metadata: { ...cell.metadata }, source: learnerSource };
    delete copy.metadata.execution;
    if (cell.cell_type === "code") {
      copy.outputs = [];
      copy.execution_count = null;
    }
    return copy;
  });
  return { ...solution, cells };
}

/** nbformat's own layout (one-space indent, sorted keys, trailing newline), so diffs stay small. */
export function formatNotebook(notebook: Notebook): string {
  return JSON.stringify(sortKeys(notebook), null, 1) + "\n";
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
