/**
 * How every command-line script of the course starts and ends (runMain): its
 * exit code, what it prints for a bad command line or a failure, and how it
 * stops on SIGINT, SIGTERM or SIGHUP.
 *
 * Stopping: the signal is passed on to the child processes the script waits
 * for (childExit), and the script exits once they have, as the first of them
 * did; a script without such children exits at once, with 128 + the signal's
 * number (130 for Ctrl-C). Either way the script's cleanups (onStop) run just
 * before it exits. A second signal ends the script at once.
 */
import type { ChildProcess } from "node:child_process";
import os from "node:os";
import { errorMessage } from "../lib/util/errors";

/** A command line the script cannot obey: the message says what was wrong; the script's usage follows it. */
export class UsageError extends Error {}

/** Exit code for a bad command line (UsageError). */
const USAGE_EXIT_CODE = 2;

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
export type StopSignal = (typeof STOP_SIGNALS)[number];

export interface MainOptions {
  /** Printed for --help or -h (to stdout, exit 0) and after a UsageError's message. */
  usage?: string;
  /** What an unexpected error's message is prefixed with, e.g. "Grading could not run". */
  failure?: string;
}

type Cleanup = (signal: StopSignal) => void;

const cleanups = new Set<Cleanup>();
/** Running children a stop signal is passed on to, with the signal each gets (undefined: the one received). */
const children = new Map<ChildProcess, NodeJS.Signals | undefined>();
let stopping = false;

/**
 * Runs `main` with the command line's arguments as the script's entry point:
 * its result is the exit code (none: 0); a UsageError prints its message and
 * the usage and exits 2; any other error prints its message (no stack trace)
 * and exits 1.
 */
export function runMain(main: (argv: string[]) => number | void | Promise<number | void>, options: MainOptions = {}): void {
  for (const signal of STOP_SIGNALS) process.on(signal, () => stop(signal));
  const argv = process.argv.slice(2);
  if (options.usage !== undefined && (argv.includes("--help") || argv.includes("-h"))) {
    console.log(options.usage);
    return;
  }
  Promise.resolve()
    .then(() => main(argv))
    .then(
      (code) => {
        process.exitCode = code ?? 0;
      },
      (error: unknown) => {
        process.exitCode = reportError(error, options);
      },
    );
}

/** The flags of a script that takes only flags (`known`); anything else is a UsageError. */
export function flags(argv: readonly string[], known: readonly string[]): Set<string> {
  const unknown = argv.find((arg) => !known.includes(arg));
  if (unknown !== undefined) {
    throw new UsageError(known.length === 0 ? `This command takes no arguments; got ${unknown}.` : `Unknown argument ${unknown}.`);
  }
  return new Set(argv);
}

function reportError(error: unknown, { usage, failure }: MainOptions): number {
  const message = errorMessage(error);
  if (error instanceof UsageError) {
    console.error(usage === undefined ? message : `${message}\n\n${usage}`);
    return USAGE_EXIT_CODE;
  }
  console.error(failure === undefined ? message : `${failure}: ${message}`);
  return 1;
}

/** Runs `cleanup` when a stop signal ends the script, after its children have exited. Returns a function that cancels it. */
export function onStop(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/**
 * The child's exit code once it has exited (128 + the signal's number when a
 * signal ended it). Until then a stop signal to this script is passed on to
 * it: as `stopSignal` for a program that shuts down cleanly only on that one
 * (Jupyter: SIGTERM), else as the signal received.
 */
export function childExit(child: ChildProcess, stopSignal?: NodeJS.Signals): Promise<number> {
  children.set(child, stopSignal);
  child.once("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.once("error", (error) => {
      children.delete(child);
      reject(error);
    });
    // "close", not "exit": by then the child's output piped to this process has all arrived.
    child.once("close", (code, signal) => resolve(exitCodeOf(code, signal)));
  });
}

function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  return code ?? (signal === null ? 1 : 128 + os.constants.signals[signal]);
}

function stop(signal: StopSignal): void {
  const ownCode = 128 + os.constants.signals[signal];
  if (stopping) process.exit(ownCode);
  stopping = true;
  const waiting = [...children];
  if (waiting.length === 0) return finish(signal, ownCode);
  let firstCode: number | undefined;
  let left = waiting.length;
  for (const [child, stopSignal] of waiting) {
    // process.exit in the child's own exit event, before the script's code awaiting it goes on.
    child.once("exit", (code, childSignal) => {
      firstCode ??= exitCodeOf(code, childSignal);
      if (--left === 0) finish(signal, firstCode);
    });
    child.kill(stopSignal ?? signal);
  }
}

function finish(signal: StopSignal, code: number): never {
  for (const cleanup of cleanups) cleanup(signal);
  process.exit(code);
}
