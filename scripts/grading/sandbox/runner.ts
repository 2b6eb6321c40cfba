/**
 * The untrusted side of grading: the program that runs inside the sandbox. It
 * reads one job on stdin (the learner's compiled exercise cell and the calls
 * to make on its definitions), makes the calls and writes what each returned
 * or threw, as wire data, to file descriptor 3. It knows nothing of the
 * checks: expected values never enter the sandbox, and the grader judges the
 * outputs in its own process.
 *
 * Protocol (one JSON object per line on fd 3): {"type":"ready"} once the
 * runner is loaded (the time limit for the learner's code starts there), then
 * {"type":"result", …}. See ../protocol.ts, which validates both.
 */
import { readFileSync, writeSync } from "node:fs";
import Module from "node:module";
import path from "node:path";
import { decode, encode, isModelData, wireText, WireError, type Wire } from "./wire";

export interface SandboxCall {
  fn: string;
  args: Wire[];
  /** Also send the arguments as they are after the call (to see whether the function changed them). */
  argumentsAfter: boolean;
}

export interface SandboxJob {
  /** The virtual file name the module was compiled as; stack traces name it. */
  fileName: string;
  /** The compiled exercise module (CommonJS). */
  js: string;
  /** Lines of the module before the cell's first line. */
  cellLineOffset: number;
  /** Where "imdb-course" resolves, when not its package's compiled entry (lib/dist is stale). */
  libraryEntry?: string;
  calls: SandboxCall[];
}

export type CallOutcome = { value: Wire; argumentsAfter?: Wire[] } | { thrown: string };

export type SandboxResult = { type: "result"; defineError: string } | { type: "result"; outcomes: CallOutcome[] };

const RESULT_FD = 3;
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

function send(message: object): void {
  const line = Buffer.from(`${JSON.stringify(message)}\n`);
  let written = 0;
  while (written < line.length) written += writeSync(RESULT_FD, line, written);
}

function useLibraryEntry(entry: string): void {
  const internals = Module as unknown as ModuleInternals;
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (request, parent, isMain, options) {
    return resolve.call(this, request === "imdb-course" ? entry : request, parent, isMain, options);
  };
}

function loadLearnerModule(job: SandboxJob): Record<string, unknown> {
  const module = new (Module as unknown as new (id: string) => CompilableModule)(job.fileName);
  module.filename = job.fileName;
  module.paths = (Module as unknown as ModuleInternals)._nodeModulePaths(path.dirname(job.fileName));
  module._compile(job.js, job.fileName);
  return module.exports;
}

/** The error's message, and where in the exercise cell it was thrown when the stack says so. */
function describeThrown(thrown: unknown, job: SandboxJob): string {
  if (!(thrown instanceof Error)) return `threw ${truncate(safeString(thrown))} (not an Error)`;
  let name = "Error";
  let message = "";
  let stack = "";
  try {
    name = String(thrown.name);
    message = String(thrown.message);
    stack = String(thrown.stack ?? "");
  } catch {
    // A getter that throws: keep what was read.
  }
  const location = cellLine(stack, job);
  return truncate(`${name === "Error" ? "" : `${name}: `}${message}`) + (location ? ` (exercise cell, line ${location})` : "");
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return "a value that cannot be shown";
  }
}

function cellLine(stack: string, job: SandboxJob): number | undefined {
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

interface ModelsFromJson {
  models: { modelFromJSON(json: { modelTopology: unknown }): Promise<unknown> };
}

/**
 * A model the grader passes (as its topology) becomes a TensorFlow.js model,
 * built with the same tfjs the learner's module loads; other values stay data.
 */
async function asArgument(value: unknown, job: SandboxJob): Promise<unknown> {
  if (!isModelData(value)) return value;
  const tf = Module.createRequire(job.fileName)("@tensorflow/tfjs") as ModelsFromJson;
  return tf.models.modelFromJSON({ modelTopology: value.topology });
}

async function runCall(defined: Record<string, unknown>, call: SandboxCall, job: SandboxJob): Promise<CallOutcome> {
  const fn = defined[call.fn];
  if (typeof fn !== "function") return { thrown: `\`${call.fn}\` is not a function (it is ${fn === null ? "null" : typeof fn})` };
  let args: unknown[];
  try {
    args = await Promise.all(call.args.map((arg) => asArgument(decode(arg), job)));
  } catch (error) {
    return { thrown: `the grader could not build the arguments of ${call.fn}: ${describeThrown(error, job)}` };
  }
  let value: unknown;
  try {
    value = await (fn as (...a: unknown[]) => unknown)(...args);
  } catch (thrown) {
    return { thrown: describeThrown(thrown, job) };
  }
  try {
    const encoded = await encode(value);
    const after = call.argumentsAfter ? await Promise.all(args.map((arg) => encode(arg))) : undefined;
    wireText(encoded);
    return after ? { value: encoded, argumentsAfter: after } : { value: encoded };
  } catch (error) {
    if (error instanceof WireError) return { thrown: `${call.fn} returned a value the grader cannot take: ${error.message}` };
    return { thrown: `${call.fn} returned a value that could not be read: ${describeThrown(error, job)}` };
  }
}

async function run(job: SandboxJob): Promise<SandboxResult> {
  if (job.libraryEntry) useLibraryEntry(job.libraryEntry);
  send({ type: "ready" });
  let defined: Record<string, unknown>;
  try {
    defined = loadLearnerModule(job);
  } catch (thrown) {
    return { type: "result", defineError: describeThrown(thrown, job) };
  }
  const outcomes: CallOutcome[] = [];
  for (const call of job.calls) outcomes.push(await runCall(defined, call, job));
  return { type: "result", outcomes };
}

const job = JSON.parse(readFileSync(0, "utf8")) as SandboxJob;
run(job).then(
  (result) => {
    send(result);
    // The learner's code may leave timers or handles behind; the result is sent.
    process.exit(0);
  },
  (error: unknown) => {
    process.stderr.write(`the sandbox runner failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(70);
  },
);
