/**
 * The process one exercise is graded in (started by run-exercise.ts with tsx's
 * require hook). It receives one job, loads the lesson's checks, then the
 * learner's compiled cell, runs the exercise's check and sends one result.
 * Whatever the learner's code does to this process (loops, exits, crashes,
 * patches globals) ends with it, and the grader reports it for this exercise only.
 */
import { AssertionError } from "node:assert";
import Module from "node:module";
import path from "node:path";
import type { LessonChecks } from "./checks-api";
import type { ChildMessage, ExerciseJob } from "./protocol";

const LIB_ENTRY = path.resolve(__dirname, "..", "..", "lib", "index.ts");
const MAX_MESSAGE = 2000;

interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _nodeModulePaths(from: string): string[];
}
interface CompilableModule {
  filename: string;
  paths: string[];
  exports: Record<string, unknown>;
  _compile(content: string, filename: string): void;
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => process.send?.(message, () => resolve()));
}

/**
 * "imdb-course" resolves to the library's sources, as in the type check: the
 * learner's module and the checks then share one copy of the library, and
 * grading never runs a stale lib/dist.
 */
function resolveCourseLibraryToSources(): void {
  const internals = Module as unknown as ModuleInternals;
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request, parent, isMain, options) {
    return resolve.call(this, request === "imdb-course" ? LIB_ENTRY : request, parent, isMain, options);
  };
}

function loadChecks(checksPath: string): LessonChecks {
  const loaded = require(checksPath) as { default?: LessonChecks };
  if (!loaded.default) throw new Error(`${checksPath} has no default export (a LessonChecks object)`);
  return loaded.default;
}

function loadLearnerModule(job: ExerciseJob): Record<string, unknown> {
  const module = new (Module as unknown as new (id: string) => CompilableModule)(job.fileName);
  module.filename = job.fileName;
  module.paths = (Module as unknown as ModuleInternals)._nodeModulePaths(path.dirname(job.fileName));
  module._compile(job.js, job.fileName);
  return module.exports;
}

/** The error's message, and where in the exercise cell it was thrown when the stack says so. */
function describeThrown(thrown: unknown, job: ExerciseJob): string {
  if (!(thrown instanceof Error)) return `threw ${truncate(String(thrown))} (not an Error)`;
  const location = cellLine(thrown.stack ?? "", job);
  return truncate(`${thrown.name === "Error" ? "" : `${thrown.name}: `}${thrown.message}`) + (location ? ` (exercise cell, line ${location})` : "");
}

function cellLine(stack: string, job: ExerciseJob): number | undefined {
  for (const line of stack.split("\n")) {
    const at = line.lastIndexOf(`${job.fileName}:`);
    if (at === -1) continue;
    const match = /^:(\d+):\d+/.exec(line.slice(at + job.fileName.length));
    if (match) {
      const cell = Number(match[1]) - job.cellLineOffset;
      if (cell >= 1) return cell;
    }
  }
  return undefined;
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)} … (${text.length - MAX_MESSAGE} more characters)` : text;
}

async function grade(job: ExerciseJob): Promise<ChildMessage> {
  resolveCourseLibraryToSources();
  const check = loadChecks(job.checksPath).exercises[job.exerciseId];
  if (!check) throw new Error(`${job.checksPath} has no check for exercise "${job.exerciseId}"`);
  await send({ type: "ready" });

  let defined: Record<string, unknown>;
  try {
    defined = loadLearnerModule(job);
  } catch (thrown) {
    return { type: "result", status: "error", message: `the exercise cell threw while it was being defined: ${describeThrown(thrown, job)}` };
  }
  try {
    await check.check(defined);
    return { type: "result", status: "passed" };
  } catch (thrown) {
    if (thrown instanceof AssertionError) return { type: "result", status: "failed", message: truncate(thrown.message) };
    return { type: "result", status: "error", message: describeThrown(thrown, job) };
  }
}

process.once("message", (job: ExerciseJob) => {
  grade(job)
    .catch((error: unknown): ChildMessage => ({
      type: "result",
      status: "error",
      message: `the grader could not run this exercise's check: ${error instanceof Error ? error.message : String(error)}`,
    }))
    .then(send)
    // The learner's code may leave timers or handles behind; the result is sent.
    .finally(() => process.exit(0));
});
