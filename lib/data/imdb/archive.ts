/**
 * Reading the labeled reviews straight out of `aclImdb_v1.tar.gz` as a
 * stream (gunzip + tar-stream), without extracting its 100,000 files.
 */
import * as fs from "node:fs";
import * as zlib from "node:zlib";
import * as tar from "tar-stream";

export interface ArchiveReview {
  split: "train" | "test";
  label: 0 | 1;
  id: number;
  rating: number;
  /** The file's bytes (UTF-8). */
  bytes: Buffer;
}

// Optional "./" prefix: some tar tools write member names that way.
/** The archive cannot be read or is not the IMDB dataset (as opposed to, say, a full disk). */
export class ArchiveError extends Error {}

const REVIEW_PATH = /^(?:\.\/)?aclImdb\/(train|test)\/(pos|neg)\/(\d+)_(\d+)\.txt$/;
const CHUNK_BYTES = 1 << 20;

/**
 * Calls `onReview` for every file `aclImdb/{train,test}/{pos,neg}/ID_RATING.txt`
 * in archive order, and `onBytes` with the compressed bytes read so far. The
 * unlabeled `train/unsup` reviews and the other files are skipped.
 */
export function readArchiveReviews(
  archive: string, onReview: (review: ArchiveReview) => void, onBytes: (compressedBytes: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const input = fs.createReadStream(archive, { highWaterMark: CHUNK_BYTES });
    const gunzip = zlib.createGunzip({ chunkSize: CHUNK_BYTES });
    const extract = tar.extract();
    let failed = false;
    const stop = (error: unknown) => {
      if (failed) return;
      failed = true;
      input.destroy();
      gunzip.destroy();
      extract.destroy();
      reject(error);
    };
    const fail = (error: Error) => stop(new ArchiveError(`${archive} is corrupt or truncated (${error.message}).`));
    let compressed = 0;
    input.on("data", (chunk) => {
      compressed += chunk.length;
      onBytes(compressed);
    });
    extract.on("entry", (header, stream, next) => {
      const match = REVIEW_PATH.exec(header.name);
      if (match === null) {
        stream.on("end", next);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on("data", (chunk) => chunks.push(chunk as Buffer));
      stream.on("end", () => {
        try {
          onReview({
            split: match[1] as "train" | "test",
            label: match[2] === "pos" ? 1 : 0,
            id: Number(match[3]),
            rating: Number(match[4]),
            // A copy, so the review does not pin tar-stream's 1 MB chunks in memory.
            bytes: Buffer.concat(chunks),
          });
        } catch (error) {
          stop(error);
          return;
        }
        next();
      });
    });
    input.on("error", (error) => stop(new ArchiveError(`${archive} cannot be read (${error.message}).`)));
    gunzip.on("error", fail);
    extract.on("error", fail);
    extract.on("finish", () => {
      if (!failed) resolve();
    });
    input.pipe(gunzip).pipe(extract);
  });
}
