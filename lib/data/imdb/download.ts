/**
 * Downloading one file with progress, resumption and a checksum, using Node's
 * built-in fetch.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { downloadMessage, type ProgressListener } from "./progress";

export interface DownloadRequest {
  url: string;
  /** Final path; the bytes first go to `<destination>.partial`. */
  destination: string;
  /** Expected sha256 (hex) of the whole file, when known. */
  sha256?: string;
  onProgress: ProgressListener;
}

const EVENT_INTERVAL_MS = 250;
// A connection that sends nothing for this long is given up (the part is kept).
const IDLE_TIMEOUT_MS = 60_000;

/**
 * Downloads `url` to `destination`. An earlier interrupted attempt left in
 * `<destination>.partial` is resumed with an HTTP Range request; a server that
 * ignores the range sends the whole file again and it is rewritten from the
 * start. On a checksum mismatch the part is deleted, so the next attempt
 * starts clean. The destination appears (by rename) only when complete and
 * verified.
 */
export async function downloadFile(request: DownloadRequest): Promise<void> {
  const partial = `${request.destination}.partial`;
  fs.mkdirSync(path.dirname(partial), { recursive: true });
  const resumeFrom = fs.existsSync(partial) ? fs.statSync(partial).size : 0;
  const file = path.basename(request.destination);

  const idle = new AbortController();
  let idleTimer = setTimeout(() => idle.abort(), IDLE_TIMEOUT_MS);
  const keepAlive = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => idle.abort(), IDLE_TIMEOUT_MS);
  };
  try {
    let response: Response;
    try {
      response = await fetch(request.url, {
        // Identity encoding keeps byte counts and ranges about the file itself.
        headers: { "Accept-Encoding": "identity", ...(resumeFrom > 0 ? { Range: `bytes=${resumeFrom}-` } : {}) },
        signal: idle.signal,
      });
    } catch (error) {
      throw new Error(`Could not download ${request.url}: ${idle.signal.aborted ? "no answer for 60 s" : describe(error)}.`);
    }
    if (response.status === 416 && resumeFrom > 0) {
      // The part does not fit what the server has now: start again.
      await response.body?.cancel();
      fs.rmSync(partial, { force: true });
      clearTimeout(idleTimer);
      return downloadFile(request);
    }
    if (response.status !== 200 && response.status !== 206) {
      await response.body?.cancel();
      throw new Error(`Could not download ${request.url}: the server answered HTTP ${response.status} ${response.statusText}.`);
    }
    const append = response.status === 206 && rangeStart(response) === resumeFrom;
    const startAt = append ? resumeFrom : 0;
    const totalBytes = append ? rangeTotal(response) : contentLength(response);

    const fd = fs.openSync(partial, append ? "a" : "w");
    let received = startAt;
    const startedAt = Date.now();
    let lastEventAt = 0;
    const report = (done: boolean) => {
      const seconds = Math.max((Date.now() - startedAt) / 1000, 1e-3);
      const bytesPerSecond = (received - startAt) / seconds;
      request.onProgress({
        kind: "download", file, receivedBytes: received, totalBytes, bytesPerSecond, done,
        message: downloadMessage(file, received, totalBytes, bytesPerSecond, done),
      });
    };
    try {
      if (response.body === null) throw new Error("the response has no body");
      for await (const chunk of response.body) {
        keepAlive();
        fs.writeSync(fd, chunk);
        received += chunk.byteLength;
        if (Date.now() - lastEventAt >= EVENT_INTERVAL_MS) {
          lastEventAt = Date.now();
          report(false);
        }
      }
    } catch (error) {
      throw new Error(
        `The download of ${request.url} stopped after ${received} bytes (${idle.signal.aborted ? "no data for 60 s" : describe(error)}). ` +
          `What arrived is kept in ${partial}: run again to resume.`,
      );
    } finally {
      fs.closeSync(fd);
    }
    if (totalBytes !== undefined && received !== totalBytes) {
      throw new Error(`The download of ${request.url} ended after ${received} of ${totalBytes} bytes. What arrived is kept in ${partial}: run again to resume.`);
    }
    if (request.sha256 !== undefined) {
      const actual = await sha256File(partial);
      if (actual !== request.sha256) {
        fs.rmSync(partial, { force: true });
        throw new Error(
          `${file} downloaded from ${request.url} has sha256 ${actual}, expected ${request.sha256}. ` +
            `The file was deleted; run again to download it afresh.`,
        );
      }
    }
    fs.renameSync(partial, request.destination);
    report(true);
  } finally {
    clearTimeout(idleTimer);
  }
}

async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash("sha256");
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function rangeStart(response: Response): number | undefined {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get("content-range") ?? "");
  return match === null ? undefined : Number(match[1]);
}

function rangeTotal(response: Response): number | undefined {
  const match = /^bytes \d+-\d+\/(\d+)$/.exec(response.headers.get("content-range") ?? "");
  return match === null ? undefined : Number(match[1]);
}

function contentLength(response: Response): number | undefined {
  const header = response.headers.get("content-length");
  return header === null || !/^\d+$/.test(header) ? undefined : Number(header);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
