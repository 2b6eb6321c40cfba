/**
 * Runs one exercise's check in its own process (child.ts) under a time limit
 * and a memory limit. The process and anything it started are killed when a
 * limit is hit, and every way it can end (a result, a timeout, an exit, a
 * crash, running out of memory) becomes one outcome for that exercise.
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ChildMessage, ExerciseJob, ExerciseStatus } from "./protocol";

export interface Limits {
  /** Wall time for the learner's code: loading the cell and running its check. */
  timeoutMs: number;
  /** Resident memory of the process (and V8's heap limit), in MB. */
  memoryMb: number;
  /** Time for the process to start and load the checks, before the learner's code runs. */
  startupMs: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 20_000, memoryMb: 2048, startupMs: 60_000 };

export interface RunOutcome {
  status: ExerciseStatus;
  message?: string;
  seconds: number;
}

const CHILD_SCRIPT = path.join(__dirname, "child.ts");
const TSX_REQUIRE_HOOK = require.resolve("tsx/cjs");
const MEMORY_POLL_MS = 200;
const STDERR_TAIL = 4000;

/** Process groups of the exercises running now, so an interrupted grader can stop them (see stopAllExercises). */
const running = new Set<number>();

/**
 * Kills every exercise process still running. Each runs in its own process
 * group, so a Ctrl-C in the grader's terminal does not reach them: the grader
 * calls this when it is interrupted, or an endless loop would outlive it.
 */
export function stopAllExercises(): void {
  for (const pid of running) killGroup(pid);
  running.clear();
}

export function runExercise(job: ExerciseJob, cwd: string, limits: Limits): Promise<RunOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = fork(CHILD_SCRIPT, [], {
      cwd,
      execArgv: ["--require", TSX_REQUIRE_HOOK, `--max-old-space-size=${limits.memoryMb}`],
      // The learner's own printing is not part of the grade; stderr is kept for crash reports.
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      // Its own process group, so a kill also reaches processes the learner's code started.
      detached: true,
    });
    if (child.pid !== undefined) running.add(child.pid);
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });

    let settled = false;
    const finish = (status: ExerciseStatus, message?: string): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(memoryWatch);
      killGroup(child.pid);
      if (child.pid !== undefined) running.delete(child.pid);
      resolve({ status, message, seconds: (performance.now() - started) / 1000 });
    };
    const stop = (reason: string): void => finish("error", reason);

    let timer = setTimeout(
      () => stop(`the grader's process did not start within ${limits.startupMs / 1000} s; the machine may be overloaded (try --jobs 1)`),
      limits.startupMs,
    );
    const memoryWatch = setInterval(() => {
      const rssMb = residentMb(child.pid);
      if (rssMb !== undefined && rssMb > limits.memoryMb) {
        stop(`used more than ${limits.memoryMb} MB of memory and was stopped (does it build something far larger than the exercise needs?)`);
      }
    }, MEMORY_POLL_MS);

    child.on("message", (message: ChildMessage) => {
      if (message.type === "ready") {
        clearTimeout(timer);
        timer = setTimeout(
          () => stop(`stopped after ${limits.timeoutMs / 1000} s: the exercise did not finish in time (an endless loop, or far more work than the exercise needs?)`),
          limits.timeoutMs,
        );
      } else if (message.type === "result") {
        finish(message.status, message.message);
      }
    });
    child.on("error", (error) => finish("error", `the grader could not start a process for this exercise: ${error.message}`));
    // "close" (not "exit") comes after the IPC channel and stderr are drained, so a result sent just before exiting is never missed.
    child.on("close", (code, signal) => finish("error", describeEarlyExit(code, signal, stderr, limits.memoryMb)));
    child.send(job);
  });
}

function describeEarlyExit(code: number | null, signal: NodeJS.Signals | null, stderr: string, memoryMb: number): string {
  if (/heap out of memory|Reached heap limit/.test(stderr)) {
    return `ran out of memory (the limit is ${memoryMb} MB) before its checks finished`;
  }
  const tail = stderr.trim().split("\n").slice(-5).join("\n");
  const detail = tail ? `\n${tail}` : "";
  if (signal) return `the process running the exercise crashed (signal ${signal}) before its checks finished${detail}`;
  return `the exercise's code ended the process (exit code ${code}) before its checks finished: does it call process.exit()?${detail}`;
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Already gone: the group ended on its own.
  }
}

/** Resident set size in MB from /proc (Linux); undefined where /proc is absent or the process is gone. */
function residentMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}
