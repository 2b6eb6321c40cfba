/** The command line of `npm run grade`, and the notebooks its paths name. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../cli";
import { DEFAULT_LIMITS, type Limits } from "./run-exercise";

export const USAGE = `Usage: npm run grade -- [options] NOTEBOOK.ipynb|FOLDER…

Grades learners' notebooks: each exercise passed, failed or error, with points.
A folder is searched for .ipynb files (submissions/alice/03-mlp.ipynb, …).

Options:
  --json FILE        also write the full report as JSON (rewritten as each notebook finishes)
  --csv FILE         also write a gradebook: one row per notebook (the learner is its folder, or the
                     file), one column of points per exercise, the total last
  --feedback DIR     also write one Markdown feedback file per notebook (outcomes and messages)
  --lesson N|SLUG    expect this lesson; notebooks of another lesson are reported, not graded
  --timeout SECONDS  time limit per exercise (default ${DEFAULT_LIMITS.timeoutMs / 1000})
  --memory MB        memory limit per exercise (default ${DEFAULT_LIMITS.memoryMb})
  --jobs N           exercises graded at once, each in its own sandbox (default 1)
  --no-sandbox       run the learners' code without the bubblewrap sandbox, with your rights
                     (for notebooks you trust, or where bubblewrap cannot run; says what it gives up)

Exit code 0 when grading completed, whatever the scores; 2 for a bad command line;
3 when the sandbox cannot run here (the message says why and what to do).`;

export interface GradeArguments {
  paths: string[];
  json?: string;
  csv?: string;
  feedback?: string;
  sandbox: boolean;
  lesson?: string;
  limits: Limits;
  jobs: number;
}

export function parseGradeArguments(argv: readonly string[]): GradeArguments {
  const parsed: GradeArguments = { paths: [], limits: { ...DEFAULT_LIMITS }, jobs: 1, sandbox: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`${arg} needs a value.`);
      return next;
    };
    const positive = (text: string): number => {
      const n = Number(text);
      if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${arg} needs a positive number, got "${text}".`);
      return n;
    };
    if (arg === "--json") parsed.json = value();
    else if (arg === "--csv") parsed.csv = value();
    else if (arg === "--feedback") parsed.feedback = value();
    else if (arg === "--no-sandbox") parsed.sandbox = false;
    else if (arg === "--lesson") parsed.lesson = value();
    else if (arg === "--timeout") parsed.limits.timeoutMs = positive(value()) * 1000;
    else if (arg === "--memory") parsed.limits.memoryMb = Math.round(positive(value()));
    else if (arg === "--jobs") parsed.jobs = Math.max(1, Math.floor(positive(value())));
    else if (arg.startsWith("--")) throw new UsageError(`Unknown option ${arg}.`);
    else parsed.paths.push(arg);
  }
  if (parsed.paths.length === 0) throw new UsageError("Name at least one notebook or folder to grade.");
  return parsed;
}

const SKIPPED_FOLDERS = new Set([".ipynb_checkpoints", "node_modules", ".git"]);

/** The notebooks the paths name: files as given, folders searched recursively (sorted). Missing paths are usage errors. */
export function findNotebooks(paths: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) walk(full);
      else if (entry.isFile() && entry.name.endsWith(".ipynb")) found.push(full);
    }
  };
  for (const given of paths) {
    let isFolder: boolean;
    try {
      isFolder = statSync(given).isDirectory();
    } catch {
      throw new UsageError(`${given} does not exist.`);
    }
    if (!isFolder) {
      found.push(given);
      continue;
    }
    const before = found.length;
    walk(given);
    if (found.length === before) throw new UsageError(`The folder ${given} holds no .ipynb notebook.`);
  }
  return found;
}
