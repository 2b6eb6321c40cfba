/**
 * The grader's side of the TypeScript step (compile-worker.ts): one worker
 * process, kept between notebooks (it caches the parsed libraries), with a
 * heap limit and a time limit per notebook. A notebook whose cells the
 * TypeScript checker cannot get through in time or in memory gets one
 * problem for all its exercises; the worker is replaced and the batch goes on.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { CompileResult, ExerciseModule } from "./compile";
import type { CompileRequest, CompileResponse } from "./compile-worker";
import { TSX_REQUIRE_HOOK } from "./tsx-hook";

export interface CompileLimits {
  timeoutMs: number;
  memoryMb: number;
}

// A first compile parses TensorFlow.js' declarations: 3-5 s on an idle machine, half a minute on a loaded one.
export const DEFAULT_COMPILE_LIMITS: CompileLimits = { timeoutMs: 90_000, memoryMb: 2048 };

const WORKER_SCRIPT = path.join(__dirname, "compile-worker.ts");

export type NotebookCompileResult = { results: Map<string, CompileResult>; problem?: undefined } | { results?: undefined; problem: string };

let worker: ChildProcess | undefined;
let nextId = 0;
/** Requests run one after another: one program at a time in the worker. */
let queue: Promise<unknown> = Promise.resolve();

export function stopCompileWorker(): void {
  worker?.kill("SIGKILL");
  worker = undefined;
}

function startWorker(limits: CompileLimits): ChildProcess {
  const child = fork(WORKER_SCRIPT, [], {
    execArgv: ["--require", TSX_REQUIRE_HOOK, `--max-old-space-size=${limits.memoryMb}`],
    stdio: ["ignore", "ignore", "ignore", "ipc"],
  });
  // An idle worker does not keep the grader alive; a request in flight holds a timer that does.
  child.unref();
  child.channel?.unref();
  child.on("exit", () => {
    if (worker === child) worker = undefined;
  });
  return child;
}

/** Type-checks and compiles one notebook's modules in the worker, within the limits. */
export function compileNotebook(modules: readonly ExerciseModule[], limits: CompileLimits = DEFAULT_COMPILE_LIMITS): Promise<NotebookCompileResult> {
  const run = queue.then(() => compileNow(modules, limits));
  queue = run.catch(() => undefined);
  return run;
}

function compileNow(modules: readonly ExerciseModule[], limits: CompileLimits): Promise<NotebookCompileResult> {
  const child = (worker ??= startWorker(limits));
  const id = ++nextId;
  return new Promise((resolve) => {
    const finish = (result: NotebookCompileResult, replaceWorker: boolean): void => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
      if (replaceWorker) {
        child.kill("SIGKILL");
        if (worker === child) worker = undefined;
      }
      resolve(result);
    };
    const onMessage = (message: CompileResponse): void => {
      if (message?.id === id && Array.isArray(message.results)) finish({ results: new Map(message.results) }, false);
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      const why = signal === "SIGABRT" || signal === "SIGTRAP" || code === 134 || code === 133 ? `ran out of memory (more than ${limits.memoryMb} MB)` : `stopped (${signal ?? `exit code ${code}`})`;
      finish({ problem: `TypeScript's check of this notebook's exercise cells ${why}: does a cell declare a type that takes TypeScript far too much work to check?` }, true);
    };
    const timer = setTimeout(() => {
      finish({ problem: `TypeScript's check of this notebook's exercise cells did not finish within ${limits.timeoutMs / 1000} s: does a cell declare a type that takes TypeScript far too long to check?` }, true);
    }, limits.timeoutMs);
    child.on("message", onMessage);
    child.on("exit", onExit);
    child.send({ id, modules: [...modules] } satisfies CompileRequest);
  });
}
