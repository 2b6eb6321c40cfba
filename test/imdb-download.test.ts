/** Downloads over HTTP from a server on 127.0.0.1 that this test runs: progress, resumption, checksum, URL mirrors. */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadData, type ImdbProgress } from "../lib/index";
import { downloadFile } from "../lib/data/imdb/download";
import { FIXTURE_KERAS_INDEX, fixtureEntries, setImdbEnv, tempDir, writeArchive } from "./fixtures/imdb-archive";

interface Served {
  body: Buffer;
  /** Stop after this many bytes of the next full response, then break the connection (once). */
  cutAfter?: number;
  /** Answer 200 with the whole file even when a range is asked. */
  ignoreRange?: boolean;
}

const files = new Map<string, Served>();
const requests: { url: string; range: string | undefined }[] = [];
let server: http.Server;
let base: string;
const folders: string[] = [];
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    requests.push({ url: request.url ?? "", range: request.headers.range });
    const served = files.get(request.url ?? "");
    if (served === undefined) {
      response.writeHead(404, "Not Found").end();
      return;
    }
    const range = /^bytes=(\d+)-$/.exec(request.headers.range ?? "");
    if (range !== null && !served.ignoreRange) {
      const start = Number(range[1]);
      if (start >= served.body.length) {
        response.writeHead(416, { "Content-Range": `bytes */${served.body.length}` }).end();
        return;
      }
      response.writeHead(206, {
        "Content-Length": served.body.length - start,
        "Content-Range": `bytes ${start}-${served.body.length - 1}/${served.body.length}`,
      });
      response.end(served.body.subarray(start));
      return;
    }
    response.writeHead(200, { "Content-Length": served.body.length });
    if (served.cutAfter !== undefined) {
      const cut = served.cutAfter;
      served.cutAfter = undefined;
      response.write(served.body.subarray(0, cut), () => response.destroy());
      return;
    }
    response.end(served.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  restoreEnv?.();
  restoreEnv = undefined;
  files.clear();
  requests.length = 0;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function newDir(prefix: string): string {
  const dir = tempDir(prefix);
  folders.push(dir);
  return dir;
}

const randomBody = (bytes: number) => crypto.randomBytes(bytes);
const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

describe("downloadFile", () => {
  it("downloads with progress events that end with the full size", async () => {
    const body = randomBody(300_000);
    files.set("/f.bin", { body });
    const destination = path.join(newDir("imdb-dl-"), "f.bin");
    const events: ImdbProgress[] = [];
    await downloadFile({ url: `${base}/f.bin`, destination, sha256: sha256(body), onProgress: (e) => events.push(e) });
    expect(fs.readFileSync(destination).equals(body)).toBe(true);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ kind: "download", file: "f.bin", receivedBytes: 300_000, totalBytes: 300_000, done: true });
    expect(last.message).toMatch(/^Downloaded f\.bin: 300\.0 kB of 300\.0 kB \(100\.0%\), .+\/s$/);
  });

  it("keeps what arrived when the connection breaks, then resumes with a Range request", async () => {
    const body = randomBody(200_000);
    files.set("/f.bin", { body, cutAfter: 70_000 });
    const destination = path.join(newDir("imdb-dl-"), "f.bin");
    const request = { url: `${base}/f.bin`, destination, sha256: sha256(body), onProgress: () => {} };
    await expect(downloadFile(request)).rejects.toThrow(/stopped after \d+ bytes .*run again to resume\./);
    const kept = fs.statSync(`${destination}.partial`).size;
    expect(kept).toBeGreaterThan(0);
    expect(fs.existsSync(destination)).toBe(false);

    await downloadFile(request);
    expect(requests[requests.length - 1].range).toBe(`bytes=${kept}-`);
    expect(fs.readFileSync(destination).equals(body)).toBe(true);
    expect(fs.existsSync(`${destination}.partial`)).toBe(false);
  });

  it("starts over when the server ignores the range", async () => {
    const body = randomBody(50_000);
    files.set("/f.bin", { body, ignoreRange: true });
    const destination = path.join(newDir("imdb-dl-"), "f.bin");
    fs.writeFileSync(`${destination}.partial`, randomBody(10_000));
    await downloadFile({ url: `${base}/f.bin`, destination, sha256: sha256(body), onProgress: () => {} });
    expect(fs.readFileSync(destination).equals(body)).toBe(true);
  });

  it("starts over when the part is longer than the file (416)", async () => {
    const body = randomBody(5_000);
    files.set("/f.bin", { body });
    const destination = path.join(newDir("imdb-dl-"), "f.bin");
    fs.writeFileSync(`${destination}.partial`, randomBody(8_000));
    await downloadFile({ url: `${base}/f.bin`, destination, sha256: sha256(body), onProgress: () => {} });
    expect(fs.readFileSync(destination).equals(body)).toBe(true);
  });

  it("deletes a download whose checksum is wrong, so the next attempt starts clean", async () => {
    files.set("/f.bin", { body: randomBody(10_000) });
    const destination = path.join(newDir("imdb-dl-"), "f.bin");
    await expect(downloadFile({ url: `${base}/f.bin`, destination, sha256: "0".repeat(64), onProgress: () => {} })).rejects.toThrow(
      /f\.bin downloaded from .* has sha256 [0-9a-f]{64}, expected 0{64}\. The file was deleted; run again to download it afresh\./,
    );
    expect(fs.readdirSync(path.dirname(destination))).toEqual([]);
  });

  it("reports an HTTP error with its status", async () => {
    const destination = path.join(newDir("imdb-dl-"), "f.bin");
    await expect(downloadFile({ url: `${base}/missing.bin`, destination, onProgress: () => {} })).rejects.toThrow(
      `Could not download ${base}/missing.bin: the server answered HTTP 404 Not Found.`,
    );
  });
});

describe("IMDB_MIRROR as a URL", () => {
  it("downloads the archive (and the word index when needed) into the cache, then builds from it", async () => {
    const archive = path.join(newDir("imdb-src-"), "a.tar.gz");
    await writeArchive(archive, fixtureEntries());
    files.set("/mirror/aclImdb_v1.tar.gz", { body: fs.readFileSync(archive) });
    files.set("/mirror/imdb_word_index.json", { body: Buffer.from(JSON.stringify(FIXTURE_KERAS_INDEX)) });
    const cache = newDir("imdb-cache-");
    restoreEnv = setImdbEnv(`${base}/mirror/`, cache);
    const events: ImdbProgress[] = [];
    const data = await loadData({ vocabulary: "keras", onProgress: (e) => events.push(e) });
    expect(data.train.x).toHaveLength(4);
    expect(events.filter((e) => e.done).map((e) => (e.kind === "download" ? e.file : "build"))).toEqual([
      "imdb_word_index.json", "aclImdb_v1.tar.gz", "build",
    ]);
    expect(fs.readdirSync(cache).sort()).toEqual(["aclImdb_v1.tar.gz", "imdb-corpus.bin", "imdb_word_index.json"]);
  });

  it("deletes a downloaded archive that proves corrupt, so the next call fetches it again", async () => {
    files.set("/mirror/aclImdb_v1.tar.gz", { body: Buffer.from("not a tarball") });
    const cache = newDir("imdb-cache-");
    restoreEnv = setImdbEnv(`${base}/mirror`, cache);
    await expect(loadData({ onProgress: () => {} })).rejects.toThrow(/is corrupt or truncated .* It was deleted from the cache: run again to fetch it afresh\./);
    expect(fs.readdirSync(cache)).toEqual([]);
  });

  it("explains how to work offline when the mirror cannot be reached", async () => {
    const cache = newDir("imdb-cache-");
    restoreEnv = setImdbEnv(`${base}/nowhere`, cache);
    await expect(loadData({ onProgress: () => {} })).rejects.toThrow(
      `aclImdb_v1.tar.gz is missing and could not be downloaded. Could not download ${base}/nowhere/aclImdb_v1.tar.gz: the server answered HTTP 404 Not Found. ` +
        `Looked for it in ${path.join(cache, "aclImdb_v1.tar.gz")} and at IMDB_MIRROR=${base}/nowhere. ` +
        "To work offline, set IMDB_MIRROR to a folder holding aclImdb_v1.tar.gz and imdb_word_index.json, or copy aclImdb_v1.tar.gz to " +
        `${path.join(cache, "aclImdb_v1.tar.gz")}.`,
    );
  });
});
