/**
 * Which processes a test started, and whether any of them outlived it.
 *
 * A process whose parent dies is handed to init and is no longer anyone's
 * descendant, so the tree is sampled while the command runs, and the processes
 * seen are checked afterwards by PID (and start time, so a recycled PID does
 * not count), never by name: other Jupyter servers or kernels on the machine
 * are not the test's business. Linux only (/proc).
 */
import { spawn, type SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect } from "vitest";
import { procStatsByParent, readProcStat, type ProcStat } from "../scripts/grading/processes";

export interface ProcessRecord {
  pid: number;
  /** As ProcStat's: with the PID, it names one process. */
  startTime: string;
  /** Its command line, for messages; `[name]`, as ps shows it, when that could not be read. */
  command: string;
  /** False when `command` is the name only: cmdline reads empty while a process execs or exits. */
  commandRead: boolean;
}

/** What is known of the process now, its command line read if it can be. */
function recordOf(stat: ProcStat): ProcessRecord {
  let words: string[] = [];
  try {
    words = readFileSync(`/proc/${stat.pid}/cmdline`, "utf8").split("\0").filter(Boolean);
  } catch {
    // Gone since its stat was read: known by name only.
  }
  const commandRead = words.length > 0;
  return { pid: stat.pid, startTime: stat.startTime, command: commandRead ? words.join(" ") : `[${stat.name}]`, commandRead };
}

/** Every process below `rootPid` now (children, their children, …), not `rootPid` itself. */
export function descendantsOf(rootPid: number): ProcessRecord[] {
  const childrenOf = procStatsByParent();
  const found: ProcessRecord[] = [];
  const queue = [...(childrenOf.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const stat = queue.shift()!;
    found.push(recordOf(stat));
    queue.push(...(childrenOf.get(stat.pid) ?? []));
  }
  return found;
}

/** Records of `rootPid` (while it runs) and of every process below it now. */
export function treeRecords(rootPid: number): ProcessRecord[] {
  const root = readProcStat(rootPid);
  return [...(root === undefined ? [] : [recordOf(root)]), ...descendantsOf(rootPid)];
}

/** True while the process recorded is running: same PID, same start time, not a zombie. */
export function isAlive(record: ProcessRecord): boolean {
  const stat = readProcStat(record.pid);
  return stat !== undefined && stat.startTime === record.startTime && stat.state !== "Z";
}

/**
 * Samples the tree below `rootPid` every `intervalMs` until `stop()`, which
 * returns every process seen (the root included, when it was running), each
 * with the last command line read (after its exec, before its exit).
 */
export function watchProcessTree(rootPid: number, intervalMs = 100): { stop(): ProcessRecord[] } {
  const seen = new Map<string, ProcessRecord>();
  const sample = () => {
    for (const record of treeRecords(rootPid)) {
      const key = `${record.pid}@${record.startTime}`;
      if (record.commandRead || !seen.get(key)?.commandRead) seen.set(key, record);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return [...seen.values()];
    },
  };
}

/** Waits up to `timeoutMs` for every process recorded to end; returns those still running then. */
export async function survivorsAfter(records: readonly ProcessRecord[], timeoutMs: number): Promise<ProcessRecord[]> {
  const deadline = Date.now() + timeoutMs;
  let alive = records.filter(isAlive);
  while (alive.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    alive = alive.filter(isAlive);
  }
  return alive;
}

/** Kills processes a failed test left behind, so one failure does not leak into the next tests. */
export function killSurvivors(records: readonly ProcessRecord[]): void {
  for (const record of records.filter(isAlive)) {
    try {
      process.kill(record.pid, "SIGKILL");
    } catch {
      // Ended between the check and the kill.
    }
  }
}

export interface WatchedRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved as they arrived. */
  output: string;
  /** Every process seen while the command ran, itself included. */
  processes: ProcessRecord[];
}

const PIPE_CLOSE_GRACE_MS = 1000;

/** Runs a command to its end like spawnSync, but watching the processes it starts. */
export function runWatched(command: string, args: readonly string[], options: SpawnOptions = {}): Promise<WatchedRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    if (child.pid === undefined) {
      child.once("error", reject);
      return;
    }
    const watcher = watchProcessTree(child.pid);
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (status, signal) => {
      const processes = watcher.stop();
      const finish = () => resolve({ status, signal, output, processes });
      // An orphan that inherited stdout keeps the pipe open, so "close" may never come: wait for it briefly.
      const timer = setTimeout(finish, PIPE_CLOSE_GRACE_MS);
      child.once("close", () => {
        clearTimeout(timer);
        finish();
      });
    });
  });
}

/** A readable list of processes for an assertion message. */
export function describeProcesses(records: readonly ProcessRecord[]): string {
  return records.map((r) => `  ${r.pid}: ${r.command}`).join("\n");
}

/**
 * Runs a command to its end and fails the calling test when a process it
 * started is still running `graceMs` later (those are killed first, so that
 * one failure does not slow down the tests after it).
 */
export async function runLeavingNothingBehind(command: string, args: readonly string[], options: SpawnOptions = {}, graceMs = 10_000): Promise<{ status: number | null; output: string }> {
  const run = await runWatched(command, args, options);
  const survivors = await survivorsAfter(run.processes, graceMs);
  killSurvivors(survivors);
  expect(survivors, `processes still running after \`${[command, ...args].join(" ")}\` ended:\n${describeProcesses(survivors)}`).toEqual([]);
  return { status: run.status, output: run.output };
}
