/**
 * Reading the cache file, building it first when it is missing, outdated or
 * damaged (never using a damaged one).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArchiveError } from "./archive";
import { buildCorpusFile } from "./build";
import { withCacheLock } from "./cache-lock";
import { ContainerReader, InvalidContainerError } from "./container";
import { CORPUS_FILE, CORPUS_MAGIC, CORPUS_VERSION, type CorpusMeta } from "./corpus-format";
import { ARCHIVE_FILE, cacheDir } from "./paths";
import type { ProgressListener } from "./progress";
import { localSource } from "./sources";

function corpusPath(): string {
  return path.join(cacheDir(), CORPUS_FILE);
}

export function readMeta(reader: ContainerReader): CorpusMeta {
  return JSON.parse(reader.text("meta")) as CorpusMeta;
}

/**
 * Runs `read` on the open cache file. A file that fails any check (header,
 * length, a section's checksum) is rebuilt from the archive, under a lock
 * shared with other processes, and `read` runs again on the new file.
 */
export async function readCorpus<T>(onProgress: ProgressListener, read: (reader: ContainerReader) => T): Promise<T> {
  const file = corpusPath();
  try {
    return readWith(file, read);
  } catch (error) {
    if (!(error instanceof InvalidContainerError)) throw error;
    await rebuild(file, error.message, onProgress);
  }
  return readWith(file, read);
}

function readWith<T>(file: string, read: (reader: ContainerReader) => T): T {
  const reader = ContainerReader.open(file, CORPUS_MAGIC, CORPUS_VERSION);
  try {
    return read(reader);
  } finally {
    reader.close();
  }
}

async function rebuild(file: string, reason: string, onProgress: ProgressListener): Promise<void> {
  await withCacheLock(async () => {
    // Another process may have rebuilt it while this one waited for the lock.
    try {
      readWith(file, (reader) => reader.verifyAll());
      return;
    } catch (error) {
      if (!(error instanceof InvalidContainerError)) throw error;
    }
    if (fs.existsSync(file)) {
      onProgress({ kind: "build", reviewsDone: 0, fraction: 0, done: false, message: `The IMDB cache is unusable (${reason}); rebuilding it.` });
    }
    const archive = await localSource(ARCHIVE_FILE, onProgress);
    try {
      await buildCorpusFile(archive.path, file, onProgress);
    } catch (error) {
      if (!(error instanceof ArchiveError)) throw error;
      if (!archive.inCache) {
        throw new Error(`${error.message} Replace ${ARCHIVE_FILE} in the IMDB_MIRROR folder with a good copy.`);
      }
      fs.rmSync(archive.path, { force: true });
      throw new Error(`${error.message} It was deleted from the cache: run again to fetch it afresh.`);
    }
  });
}
