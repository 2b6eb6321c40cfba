/** Processes, read from /proc (there is no `ps` on a bare Debian image): a sandbox's tree, its memory, killing it. */
import { existsSync, readdirSync, readFileSync } from "node:fs";

export function processExists(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

export function killProcess(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

export interface ProcStat {
  pid: number;
  /** The executable's name (field 2 of stat). */
  name: string;
  /** R, S, D, Z (zombie), … (field 3). */
  state: string;
  parentPid: number;
  /** Clock ticks after boot at which the process started (field 22): with the PID, it names one process, as PIDs are recycled. */
  startTime: string;
}

/** Parses /proc/PID/stat; undefined when the process is gone. The name may hold spaces and parentheses, so fields count from the last ")". */
export function readProcStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  const nameEnd = text.lastIndexOf(")");
  // fields[0] is field 3 of stat, fields[1] field 4, fields[19] field 22.
  const fields = text.slice(nameEnd + 2).split(" ");
  return { pid, name: text.slice(text.indexOf("(") + 1, nameEnd), state: fields[0], parentPid: Number(fields[1]), startTime: fields[19] };
}

/** Every running process's stat, by parent PID. */
export function procStatsByParent(): Map<number, ProcStat[]> {
  const byParent = new Map<number, ProcStat[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readProcStat(Number(name));
    if (stat !== undefined) byParent.set(stat.parentPid, [...(byParent.get(stat.parentPid) ?? []), stat]);
  }
  return byParent;
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const byParent = procStatsByParent();
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(byParent.get(tree[i]) ?? []).map((stat) => stat.pid));
  return tree;
}

/** Resident memory of a process and its descendants, in MB. */
export function treeResidentMb(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) kb += Number(match[1]);
    } catch {
      // Ended while we looked.
    }
  }
  return kb / 1024;
}
