/**
 * Where a learner's code runs: a bubblewrap sandbox (Linux) with every
 * namespace unshared (no network, its own processes, its own user), read-only
 * binds of only what an exercise needs (node, the course library,
 * node_modules, the runner), a private /tmp, no capabilities and an empty
 * environment; memory and process count limited for the whole sandbox by a
 * cgroup where the grader may create one, and by rlimits in any case. Or,
 * with --no-sandbox, a plain child process with the grader's rights.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { PROJECT_ROOT } from "../jupyter-env";
import { TSX_REQUIRE_HOOK } from "./tsx-hook";

/** The runner's sources (it imports only its neighbour wire.ts). */
const RUNNER_SOURCES = path.join(__dirname, "sandbox");
const RUNNER_FILES = ["runner", "wire"];
/** Where the compiled runner appears inside the sandbox. */
const RUNNER_MOUNT = "/grader";
const NOBODY = 65534;
/** The sandbox's private /tmp (counted in its memory too, where a cgroup limits it). */
const TMP_BYTES = 64 * 1024 * 1024;
/** Processes and threads in one sandbox: node alone runs about a dozen threads. */
const MAX_TASKS = 256;
const LIBRARY_SOURCES = path.join(PROJECT_ROOT, "lib");

export interface CgroupRoots {
  memory: string;
  pids: string;
}

interface SetupCommon {
  /** A private folder holding the runner compiled to JavaScript (so the sandbox starts without a TypeScript loader). */
  runnerDir: string;
  notes: string[];
}

export type SandboxSetup = SetupCommon & ({ kind: "bwrap"; bwrap: string; dropToNobody: boolean; cgroups?: CgroupRoots } | { kind: "none" });

export const NO_SANDBOX_WARNING =
  "WARNING: --no-sandbox: the learners' code runs as you, with your files, your network and your environment. " +
  "It cannot change its grade (the checks run in the grader's process), but it can read the hidden checks and " +
  "solutions and answer from them, read or delete your files, reach your network, and leave processes running. " +
  "Grade only notebooks you trust this way.";

const HOW_TO_SANDBOX =
  "Grade inside the container (see \"Untrusted code\" in README.md: docker build -f grading/Dockerfile …), " +
  "or on Linux install bubblewrap (sudo apt-get install bubblewrap) where user namespaces are allowed, " +
  "or pass --no-sandbox to run the learners' code with your own rights (only for notebooks you trust).";

export class SandboxUnavailable extends Error {}

/**
 * Finds out how exercises can run here: bubblewrap must be present and run a
 * probe through the very command exercises use; otherwise this throws
 * SandboxUnavailable saying why and what to do (unless the sandbox is off).
 */
export function prepareSandbox(enabled: boolean): SandboxSetup {
  if (!enabled) return { kind: "none", runnerDir: compileRunner(), notes: [NO_SANDBOX_WARNING] };
  if (process.platform !== "linux") {
    throw new SandboxUnavailable(`The grader runs learners' code in a bubblewrap sandbox, which exists only on Linux (this is ${process.platform}). ${HOW_TO_SANDBOX}`);
  }
  const bwrap = ["/usr/bin/bwrap", "/bin/bwrap", "/usr/local/bin/bwrap"].find((candidate) => existsSync(candidate));
  if (!bwrap) throw new SandboxUnavailable(`bubblewrap (bwrap) is not installed. ${HOW_TO_SANDBOX}`);
  const notes: string[] = [];
  removeLeftovers();
  const cgroups = createCgroupRoots();
  if (!cgroups) notes.push("no writable cgroup (v1 memory and pids) here: a sandbox's memory is limited by watching its processes, and its process count by rlimits");
  const runnerDir = compileRunner();
  const root = process.getuid?.() === 0;
  const attempts = root ? [true, false] : [false];
  let failure = "";
  for (const dropToNobody of attempts) {
    const setup: SandboxSetup = { kind: "bwrap", bwrap, dropToNobody, cgroups, runnerDir, notes };
    failure = probe(setup);
    if (failure === "") {
      if (root && !dropToNobody) notes.push(`the project is not readable by the user nobody (${NOBODY}), so sandboxes run as root outside their user namespace (still without capabilities, with read-only files)`);
      return setup;
    }
  }
  removeCgroupRoots(cgroups);
  rmSync(runnerDir, { recursive: true, force: true });
  throw new SandboxUnavailable(`bubblewrap is installed but a sandbox could not run here:\n${failure}\n${HOW_TO_SANDBOX}`);
}

/** Runs `true`-like node code through the sandbox command; "" when it worked, else what went wrong. */
function probe(setup: SandboxSetup): string {
  const group = setup.kind === "bwrap" && setup.cgroups ? createExerciseCgroup(setup.cgroups, "probe", 512) : undefined;
  const command = sandboxCommand(setup, ["-e", 'require("fs").writeSync(3, "ok")'], { memoryMb: 512, cpuSeconds: 30 }, group);
  const result = spawnSync(command[0], command.slice(1), { stdio: ["ignore", "ignore", "pipe", "pipe"], timeout: 30_000, encoding: "utf8" });
  group?.remove();
  const output = (result.output[3] ?? "").toString();
  if (output === "ok") return "";
  return `${command.slice(0, 3).join(" ")} … exited with ${result.status ?? result.signal}: ${(result.stderr ?? "").trim().slice(0, 500) || result.error?.message || "no message"}`;
}

export interface ProcessLimits {
  memoryMb: number;
  cpuSeconds: number;
}

/**
 * The argv that runs node with `nodeArgs` in the sandbox (or without one):
 * fd 3 of the process is the grader's result channel, stdin its job.
 */
export function sandboxCommand(setup: SandboxSetup, nodeArgs: readonly string[], limits: ProcessLimits, group?: ExerciseCgroup): string[] {
  const node = realpathSync(process.execPath);
  const nodeCommand = [node, `--max-old-space-size=${limits.memoryMb}`, ...nodeArgs];
  if (setup.kind === "none") return nodeCommand;
  const bwrapArgs = [
    setup.bwrap,
    "--unshare-all",
    "--die-with-parent",
    "--new-session",
    "--clearenv",
    "--setenv", "HOME", "/tmp",
    "--uid", String(NOBODY),
    "--gid", String(NOBODY),
    "--cap-drop", "ALL",
    ...systemLibraryBinds(),
    "--ro-bind", node, node,
    "--ro-bind", path.join(PROJECT_ROOT, "node_modules"), path.join(PROJECT_ROOT, "node_modules"),
    "--ro-bind", LIBRARY_SOURCES, LIBRARY_SOURCES,
    "--ro-bind", setup.runnerDir, RUNNER_MOUNT,
    "--proc", "/proc",
    "--dev", "/dev",
    "--size", String(TMP_BYTES),
    "--tmpfs", "/tmp",
    "--remount-ro", "/",
    "--chdir", "/tmp",
    ...nodeCommand,
  ];
  const drop = setup.dropToNobody ? ["/usr/bin/setpriv", `--reuid=${NOBODY}`, `--regid=${NOBODY}`, "--clear-groups", "--"] : [];
  // Backstops whatever else limits the sandbox: CPU time and file size per process, and (as nobody, who runs nothing else) processes.
  const rlimits = ["/usr/bin/prlimit", `--cpu=${Math.ceil(limits.cpuSeconds)}`, `--fsize=${TMP_BYTES}`, ...(setup.dropToNobody ? [`--nproc=${MAX_TASKS * 2}`] : []), "--"];
  // The shell enters the cgroups before anything is forked, then becomes prlimit, then bwrap (same pid).
  const script = 'for dir in "$1" "$2"; do if [ -n "$dir" ]; then echo $$ > "$dir/cgroup.procs" || exit 97; fi; done; shift 2; exec "$@"';
  return ["/bin/sh", "-c", script, "sh", group?.memory ?? "", group?.pids ?? "", ...rlimits, ...drop, ...bwrapArgs];
}

/** The folders of shared libraries node needs, bound read-only (or re-created as the symlinks they are). */
function systemLibraryBinds(): string[] {
  const binds: string[] = [];
  for (const dir of ["/usr/lib", "/usr/lib64", "/lib", "/lib64"]) {
    let stat;
    try {
      stat = lstatSync(dir);
    } catch {
      continue;
    }
    if (stat.isSymbolicLink()) binds.push("--symlink", readlinkSync(dir), dir);
    else if (stat.isDirectory()) binds.push("--ro-bind", dir, dir);
  }
  return binds;
}

// ---------------------------------------------------------------------------
// cgroups (v1): one folder per grader under the grader's own cgroup, one per exercise below it.

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

function processExists(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

/** The cgroups and runner folders of graders that ended without cleaning up (killed, or a test worker stopped). */
function removeLeftovers(): void {
  for (const controller of ["memory", "pids"]) {
    const own = ownCgroup(controller);
    if (!own || !existsSync(own)) continue;
    for (const name of readdirSync(own)) {
      const owner = /^imdb-grader-(\d+)$/.exec(name);
      if (owner && !processExists(Number(owner[1]))) removeCgroupDir(path.join(own, name));
    }
  }
  for (const name of readdirSync(os.tmpdir())) {
    const owner = /^imdb-grader-runner-(\d+)-/.exec(name);
    if (owner && !processExists(Number(owner[1]))) rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function createCgroupRoots(): CgroupRoots | undefined {
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

function removeCgroupRoots(roots: Partial<CgroupRoots> | undefined): undefined {
  for (const dir of Object.values(roots ?? {})) removeCgroupDir(dir);
  return undefined;
}

/** Removes the grader's cgroup folders (those of exercises are removed as they end) and its compiled runner. */
export function releaseSandbox(setup: SandboxSetup | undefined): void {
  if (setup?.kind === "bwrap") removeCgroupRoots(setup.cgroups);
  if (setup) rmSync(setup.runnerDir, { recursive: true, force: true });
}

/** Compiles the runner to JavaScript in a fresh folder every user can read (the sandbox may run as nobody). */
function compileRunner(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `imdb-grader-runner-${process.pid}-`));
  chmodSync(dir, 0o755);
  for (const name of RUNNER_FILES) {
    const source = readFileSync(path.join(RUNNER_SOURCES, `${name}.ts`), "utf8");
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
    writeFileSync(path.join(dir, `${name}.js`), outputText, { mode: 0o644 });
  }
  return dir;
}

function removeCgroupDir(dir: string): void {
  try {
    for (const entry of readdirSync(dir, { withFileTypes: true })) if (entry.isDirectory()) removeCgroupDir(path.join(dir, entry.name));
    rmdirSync(dir);
  } catch {
    // Still busy, or gone already.
  }
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

// ---------------------------------------------------------------------------
// Processes, read from /proc (there is no `ps` on a bare Debian image).

export function killProcess(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // Already gone.
  }
}

/** Parent of every process, from /proc. */
function parents(): Map<number, number> {
  const result = new Map<number, number>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      result.set(Number(name), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // Ended while we looked.
    }
  }
  return result;
}

/** The process and all its descendants. */
export function processTree(root: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const [pid, ppid] of parents()) byParent.set(ppid, [...(byParent.get(ppid) ?? []), pid]);
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(byParent.get(tree[i]) ?? []));
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

// ---------------------------------------------------------------------------

let libraryEntry: string | undefined | null = null;

/**
 * Where the sandbox loads "imdb-course" from: its compiled lib/dist (fast)
 * when that is newer than every source, else the sources themselves.
 */
export function courseLibraryEntry(): string | undefined {
  if (libraryEntry !== null) return libraryEntry;
  let built = 0;
  try {
    built = statSync(path.join(LIBRARY_SOURCES, "dist", ".tsbuildinfo")).mtimeMs;
  } catch {
    built = 0;
  }
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !["dist", "node_modules", "build"].includes(entry.name)) latest = Math.max(latest, newest(full));
      else if (entry.isFile() && entry.name.endsWith(".ts")) latest = Math.max(latest, statSync(full).mtimeMs);
    }
    return latest;
  };
  libraryEntry = built > newest(LIBRARY_SOURCES) ? undefined : path.join(LIBRARY_SOURCES, "index.ts");
  return libraryEntry;
}

/** node's arguments for the runner: tsx's require hook only where the library must run from its TypeScript sources. */
export function runnerNodeArgs(setup: SandboxSetup): string[] {
  const hook = courseLibraryEntry() === undefined ? [] : ["--require", TSX_REQUIRE_HOOK];
  // Source maps: stack traces (an error's line in the cell) point at the cell's TypeScript, not the compiled module.
  return ["--enable-source-maps", ...hook, path.join(setup.kind === "bwrap" ? RUNNER_MOUNT : setup.runnerDir, "runner.js")];
}

let shared: SandboxSetup | undefined;

/** The bubblewrap sandbox, probed once per process and released when it exits; throws SandboxUnavailable where it cannot run. */
export function sharedSandbox(): SandboxSetup {
  if (!shared) {
    shared = prepareSandbox(true);
    const setup = shared;
    process.once("exit", () => releaseSandbox(setup));
  }
  return shared;
}
