/**
 * Runs one exercise's calls in a sandbox (sandbox.ts) under a time limit and
 * a memory limit, and turns every way it can end (a validated result, a
 * timeout, an exit, a crash, running out of memory, a malformed message) into
 * one outcome. Whatever happens, nothing the exercise started outlives it.
 */
import { spawn } from "node:child_process";
import os from "node:os";
import type { Readable } from "node:stream";
import { LineReader, parseMessage, ProtocolViolation, type SandboxReport } from "./protocol";
import type { SandboxJob } from "./sandbox/runner";
import { createExerciseCgroup, type ExerciseCgroup } from "./cgroups";
import { killProcess, processTree, treeResidentMb } from "./processes";
import type { SandboxSetup } from "./sandbox";
import { runnerNodeArgs, sandboxCommand } from "./sandbox-command";

export interface Limits {
  /** Wall time for the learner's code: loading the cell and making the calls. */
  timeoutMs: number;
  /** Memory of the whole sandbox (every process in it), in MB. */
  memoryMb: number;
  /** Time for the sandbox to start and load the runner, before the learner's code runs. */
  startupMs: number;
}

export const DEFAULT_LIMITS: Limits = { timeoutMs: 20_000, memoryMb: 2048, startupMs: 60_000 };

export type RunOutcome = { report: SandboxReport; error?: undefined; seconds: number } | { report?: undefined; error: string; seconds: number };

const MEMORY_POLL_MS = 200;
const STDERR_TAIL = 4000;

interface Running {
  pid: number;
  group?: ExerciseCgroup;
}

/** Sandboxes running now, so an interrupted grader can stop them (see stopAllExercises). */
const running = new Set<Running>();

/** Kills every sandbox still running, with everything it started. */
export function stopAllExercises(): void {
  for (const entry of running) stopSandbox(entry);
  running.clear();
}

function stopSandbox({ pid, group }: Running): void {
  // Every process of the tree (a sandbox's own processes live in its pid namespace, below bwrap).
  for (const member of processTree(pid)) killProcess(member);
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // The group ended on its own.
  }
  group?.killAll();
}

export function runExercise(setup: SandboxSetup, job: SandboxJob, limits: Limits, label: string): Promise<RunOutcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let group: ExerciseCgroup | undefined;
    if (setup.kind === "bwrap" && setup.cgroups) {
      try {
        group = createExerciseCgroup(setup.cgroups, label, limits.memoryMb);
      } catch {
        group = undefined; // the rlimits and the memory watch still apply
      }
    }
    const cpuSeconds = (limits.startupMs + limits.timeoutMs) / 1000 + 5;
    const [command, ...args] = sandboxCommand(setup, runnerNodeArgs(setup), { memoryMb: limits.memoryMb, cpuSeconds }, group);
    const child = spawn(command, args, {
      cwd: setup.kind === "none" ? os.tmpdir() : "/",
      env: setup.kind === "none" ? { ...process.env, NODE_OPTIONS: "" } : {},
      // stdin: the job; stdout: the learner's printing (not part of the grade); stderr: kept for crash reports; fd 3: results.
      stdio: ["pipe", "ignore", "pipe", "pipe"],
      // Its own process group, so a Ctrl-C in the grader's terminal does not reach it before the grader can stop it.
      detached: true,
    });
    const entry: Running | undefined = child.pid !== undefined ? { pid: child.pid, group } : undefined;
    if (entry) running.add(entry);

    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-STDERR_TAIL);
    });
    let settled = false;
    const finish = (outcome: { report: SandboxReport } | { error: string }): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(memoryWatch);
      if (entry) {
        stopSandbox(entry);
        running.delete(entry);
      }
      const outOfMemory = group?.hitMemoryLimit() ?? false;
      group?.remove();
      const seconds = (performance.now() - started) / 1000;
      if ("error" in outcome && outOfMemory) resolve({ error: memoryMessage(limits.memoryMb), seconds });
      else resolve({ ...outcome, seconds });
    };
    const stop = (error: string): void => finish({ error });

    let timer = setTimeout(
      () => stop(`the grader's sandbox did not start within ${limits.startupMs / 1000} s; the machine may be overloaded (try --jobs 1)`),
      limits.startupMs,
    );
    const memoryWatch = setInterval(() => {
      // With a cgroup the kernel enforces the limit for the whole sandbox; without one, watch every process of it.
      if (group || child.pid === undefined) return;
      if (treeResidentMb(child.pid) > limits.memoryMb) stop(memoryMessage(limits.memoryMb));
    }, MEMORY_POLL_MS);

    let ready = false;
    const reader = new LineReader();
    const results = child.stdio[3] as Readable;
    results.on("data", (chunk: Buffer) => {
      if (settled) return;
      try {
        for (const line of reader.push(chunk)) {
          const message = parseMessage(line, job.calls.length);
          if (message.type === "ready") {
            if (ready) throw new ProtocolViolation('said "ready" twice');
            ready = true;
            clearTimeout(timer);
            timer = setTimeout(
              () => stop(`stopped after ${limits.timeoutMs / 1000} s: the exercise did not finish in time (an endless loop, or far more work than the exercise needs?)`),
              limits.timeoutMs,
            );
          } else {
            if (!ready) throw new ProtocolViolation('sent a result before "ready"');
            finish({ report: message.report });
            return;
          }
        }
      } catch (error) {
        const what = error instanceof ProtocolViolation ? error.message : "sent something the grader could not read";
        stop(`the exercise's process ${what}, which the grader's runner never does: the exercise's code wrote to the grader's channel`);
      }
    });
    results.on("error", () => undefined);
    child.stdin?.on("error", () => undefined);
    child.stdin?.end(JSON.stringify(job));
    child.on("error", (error) => stop(`the grader could not start a sandbox for this exercise: ${error.message}`));
    // "close" (not "exit") comes after fd 3 and stderr are drained, so a result sent just before exiting is never missed.
    child.on("close", (code, signal) => stop(describeEarlyExit(code, signal, stderr, limits.memoryMb)));
  });
}

function memoryMessage(memoryMb: number): string {
  return `used more than ${memoryMb} MB of memory and was stopped (does it build something far larger than the exercise needs?)`;
}

function describeEarlyExit(code: number | null, signal: NodeJS.Signals | null, stderr: string, memoryMb: number): string {
  if (/heap out of memory|Reached heap limit|Maximum call stack size exceeded/.test(stderr)) {
    return /call stack/.test(stderr)
      ? "the exercise's code overflowed the stack (endless recursion?) before its calls finished"
      : `ran out of memory (the limit is ${memoryMb} MB) before its calls finished`;
  }
  const tail = stderr.trim().split("\n").slice(-5).join("\n");
  const detail = tail ? `\n${tail}` : "";
  if (signal || (code !== null && code > 128)) {
    return `the process running the exercise was killed (${signal ?? `signal ${(code ?? 0) - 128}`}) before its calls finished${detail}`;
  }
  return `the exercise's code ended the process (exit code ${code}) before its calls finished: does it call process.exit()?${detail}`;
}
