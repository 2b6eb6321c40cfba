/**
 * Where a learner's code runs: a bubblewrap sandbox (Linux; the command is
 * sandbox-command.ts), its memory and process count limited for the whole
 * sandbox by a cgroup where the grader may create one (cgroups.ts), and by
 * rlimits in any case. Or, with --no-sandbox, a plain child process with the
 * grader's rights. This module finds out which can run here, compiles the
 * runner the sandbox starts, and releases both when grading ends.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { createCgroupRoots, createExerciseCgroup, removeCgroupRoots, removeLeftoverCgroups, type CgroupRoots } from "./cgroups";
import { processExists } from "./processes";
import { NOBODY, sandboxCommand } from "./sandbox-command";

/** The runner's sources (it imports only its neighbour wire.ts). */
const RUNNER_SOURCES = path.join(__dirname, "sandbox");
const RUNNER_FILES = ["runner", "wire"];

interface SetupCommon {
  /** A private folder holding the runner compiled to JavaScript (so the sandbox starts without a TypeScript loader). */
  runnerDir: string;
  notes: string[];
}

export type SandboxSetup = SetupCommon & ({ kind: "bwrap"; bwrap: string; dropToNobody: boolean; cgroups?: CgroupRoots } | { kind: "none" });

const NO_SANDBOX_WARNING =
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

/** The cgroups and runner folders of graders that ended without cleaning up (killed, or a test worker stopped). */
function removeLeftovers(): void {
  removeLeftoverCgroups();
  for (const name of readdirSync(os.tmpdir())) {
    const owner = /^imdb-grader-runner-(\d+)-/.exec(name);
    if (owner && !processExists(Number(owner[1]))) rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
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
