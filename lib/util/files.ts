/** File and folder writes that never leave a half-written one behind, and a lock between processes. */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { isErrnoException } from "./errors";

/** A temporary name beside `target`, unique to this process and call. */
function temporaryPath(target: string): string {
  return `${target}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
}

/**
 * Writes `chunks` to `target` through a temporary file in the same folder and
 * a rename, so readers see the old file or the complete new one, never a part.
 */
export function writeFileAtomic(target: string, chunks: readonly Uint8Array[]): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = temporaryPath(target);
  try {
    const fd = fs.openSync(temporary, "wx");
    try {
      for (const chunk of chunks) {
        let written = 0;
        while (written < chunk.byteLength) written += fs.writeSync(fd, chunk, written);
      }
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * Fills a new folder at `target` through a temporary folder beside it and a
 * rename, so readers see the previous folder or the complete new one, never
 * a part; when `fill` or the rename fails, the previous folder stays as it
 * was. The temporary names start with "." so that listings of the parent
 * that skip hidden entries never see an unfinished folder.
 */
export async function writeFolderAtomic(target: string, fill: (folder: string) => Promise<void>): Promise<void> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = temporaryPath(path.join(path.dirname(target), `.${path.basename(target)}`));
  fs.mkdirSync(staging);
  try {
    await fill(staging);
    replaceFolder(staging, target);
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Puts `staging` at `target`, moving a previous folder there out of the way only for the rename. */
function replaceFolder(staging: string, target: string): void {
  if (!fs.existsSync(target)) {
    fs.renameSync(staging, target);
    return;
  }
  const previous = `${staging}.previous`;
  fs.renameSync(target, previous);
  try {
    fs.renameSync(staging, target);
  } catch (error) {
    fs.renameSync(previous, target);
    throw error;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}

const LOCK_POLL_MS = 200;
// A lock file without a readable owner is older than any real write of it.
const UNOWNED_LOCK_STALE_MS = 10_000;

/** Per lock path, the last call of this process to have queued for it. */
const queuedHere = new Map<string, Promise<unknown>>();

/**
 * Runs `task` while holding `lockPath`, so that two processes sharing a cache
 * (parallel test files, two notebooks) do not download or build it twice at
 * once. A lock whose process has died is taken over. Calls from this process
 * queue in memory first: the lock file cannot tell them apart from another
 * process's, so they would poll and announce a wait for one another.
 */
export async function withFileLock<T>(lockPath: string, task: () => Promise<T>, onWait?: () => void): Promise<T> {
  const previous = queuedHere.get(lockPath) ?? Promise.resolve();
  const run = previous.then(() => withLockFile(lockPath, task, onWait));
  const settled = run.catch(() => undefined);
  queuedHere.set(lockPath, settled);
  try {
    return await run;
  } finally {
    if (queuedHere.get(lockPath) === settled) queuedHere.delete(lockPath);
  }
}

async function withLockFile<T>(lockPath: string, task: () => Promise<T>, onWait?: () => void): Promise<T> {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      break;
    } catch (error) {
      if (!isErrnoException(error, "EEXIST")) throw error;
      if (isStale(lockPath)) {
        fs.rmSync(lockPath, { force: true });
        continue;
      }
      if (!announced) onWait?.();
      announced = true;
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  try {
    return await task();
  } finally {
    fs.rmSync(lockPath, { force: true });
  }
}

function isStale(lockPath: string): boolean {
  let owner: number;
  let modifiedAt: number;
  try {
    owner = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
    modifiedAt = fs.statSync(lockPath).mtimeMs;
  } catch {
    return false; // released meanwhile: the next attempt to create it decides
  }
  if (!Number.isInteger(owner) || owner <= 0) return Date.now() - modifiedAt > UNOWNED_LOCK_STALE_MS;
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return isErrnoException(error, "ESRCH");
  }
}
