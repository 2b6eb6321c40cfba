/**
 * Memory and process-count limits for a whole sandbox, with cgroups (v1): one
 * folder per grader under the grader's own cgroup, one per exercise below it.
 * Only where the grader may create them; rlimits back them up in any case
 * (sandbox-command.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { killProcess, processExists } from "./processes";

/** Processes and threads in one sandbox: node alone runs about a dozen threads. */
export const MAX_TASKS = 256;

export interface CgroupRoots {
  memory: string;
  pids: string;
}

export interface ExerciseCgroup {
  memory: string;
  pids: string;
  /** Whether the kernel killed a process of this cgroup for exceeding its memory. */
  hitMemoryLimit(): boolean;
  /** Kills every process in the cgroup, until none is left (a fork racing the kill is caught by the next round). */
  killAll(): void;
  remove(): void;
}

function ownCgroup(controller: string): string | undefined {
  try {
    for (const line of readFileSync("/proc/self/cgroup", "utf8").split("\n")) {
      const [, controllers, where] = line.split(":");
      if (controllers?.split(",").includes(controller)) return path.join("/sys/fs/cgroup", controller, where);
    }
  } catch {
    // No /proc/self/cgroup: no cgroups.
  }
  return undefined;
}

/** The cgroups of graders that ended without cleaning up (killed, or a test worker stopped). */
export function removeLeftoverCgroups(): void {
  for (const controller of ["memory", "pids"]) {
    const own = ownCgroup(controller);
    if (!own || !existsSync(own)) continue;
    for (const name of readdirSync(own)) {
      const owner = /^imdb-grader-(\d+)$/.exec(name);
      if (owner && !processExists(Number(owner[1]))) removeCgroupDir(path.join(own, name));
    }
  }
}

/** This grader's cgroup folders, or undefined where it may not create them. */
export function createCgroupRoots(): CgroupRoots | undefined {
  const roots: Partial<CgroupRoots> = {};
  for (const controller of ["memory", "pids"] as const) {
    const own = ownCgroup(controller);
    if (!own || !existsSync(own)) return removeCgroupRoots(roots);
    const dir = path.join(own, `imdb-grader-${process.pid}`);
    try {
      mkdirSync(dir, { recursive: true });
      roots[controller] = dir;
    } catch {
      return removeCgroupRoots(roots);
    }
  }
  return roots as CgroupRoots;
}

export function removeCgroupRoots(roots: Partial<CgroupRoots> | undefined): undefined {
  for (const dir of Object.values(roots ?? {})) removeCgroupDir(dir);
  return undefined;
}

function removeCgroupDir(dir: string): void {
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeCgroupDir(path.join(dir, entry.name));
    rmdirSync(dir);
  } catch {
    // Still busy, or gone already.
  }
}

let cgroupCount = 0;

export function createExerciseCgroup(roots: CgroupRoots, label: string, memoryMb: number): ExerciseCgroup {
  const name = `${label.replace(/[^\w-]/g, "_")}-${++cgroupCount}`;
  const memory = path.join(roots.memory, name);
  const pids = path.join(roots.pids, name);
  mkdirSync(memory);
  mkdirSync(pids);
  writeFileSync(path.join(memory, "memory.limit_in_bytes"), String(memoryMb * 1024 * 1024));
  try {
    writeFileSync(path.join(memory, "memory.memsw.limit_in_bytes"), String(memoryMb * 1024 * 1024));
  } catch {
    // No swap accounting: without swap the first limit is the whole limit.
  }
  writeFileSync(path.join(pids, "pids.max"), String(MAX_TASKS));
  const procs = (): number[] => {
    try {
      return readFileSync(path.join(pids, "cgroup.procs"), "utf8").split("\n").filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  return {
    memory,
    pids,
    hitMemoryLimit() {
      try {
        const control = readFileSync(path.join(memory, "memory.oom_control"), "utf8");
        const kills = /^oom_kill (\d+)/m.exec(control);
        if (kills && Number(kills[1]) > 0) return true;
        return Number(readFileSync(path.join(memory, "memory.failcnt"), "utf8")) > 0;
      } catch {
        return false;
      }
    },
    killAll() {
      for (let round = 0; round < 50; round++) {
        const left = procs();
        if (left.length === 0) return;
        for (const pid of left) killProcess(pid);
      }
    },
    remove() {
      this.killAll();
      removeCgroupDir(memory);
      removeCgroupDir(pids);
    },
  };
}
