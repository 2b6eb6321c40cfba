/**
 * The command that runs node in a sandbox: bubblewrap with every namespace
 * unshared (no network, its own processes, its own user), read-only binds of
 * only what an exercise needs (node, the course library, node_modules, the
 * runner), a private /tmp, no capabilities and an empty environment, entered
 * into its cgroups and under rlimits. Or, with --no-sandbox, plain node.
 */
import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../jupyter-env";
import { MAX_TASKS, type ExerciseCgroup } from "./cgroups";
import { courseLibraryEntry, LIBRARY_SOURCES } from "./course-library";
import type { SandboxSetup } from "./sandbox";
import { TSX_REQUIRE_HOOK } from "./tsx-hook";

/** Where the compiled runner appears inside the sandbox. */
const RUNNER_MOUNT = "/grader";
export const NOBODY = 65534;
/** The sandbox's private /tmp (counted in its memory too, where a cgroup limits it). */
const TMP_BYTES = 64 * 1024 * 1024;

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
    // The private /tmp first: bwrap mounts in order, so a project cloned under /tmp is bound on top of it, not hidden by it.
    "--size", String(TMP_BYTES),
    "--tmpfs", "/tmp",
    ...systemLibraryBinds(),
    "--ro-bind", node, node,
    "--ro-bind", path.join(PROJECT_ROOT, "node_modules"), path.join(PROJECT_ROOT, "node_modules"),
    "--ro-bind", LIBRARY_SOURCES, LIBRARY_SOURCES,
    "--ro-bind", setup.runnerDir, RUNNER_MOUNT,
    "--proc", "/proc",
    "--dev", "/dev",
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

/** node's arguments for the runner: tsx's require hook only where the library must run from its TypeScript sources. */
export function runnerNodeArgs(setup: SandboxSetup): string[] {
  const hook = courseLibraryEntry() === undefined ? [] : ["--require", TSX_REQUIRE_HOOK];
  // Source maps: stack traces (an error's line in the cell) point at the cell's TypeScript, not the compiled module.
  return ["--enable-source-maps", ...hook, path.join(setup.kind === "bwrap" ? RUNNER_MOUNT : setup.runnerDir, "runner.js")];
}
