/** The cache and the archive checks: built once, validated on every read, rebuilt when damaged, never half-written. */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadData, loadReviews, type ImdbProgress } from "../lib/index";
import { ContainerReader, InvalidContainerError, writeContainer } from "../lib/data/imdb/container";
import { withFileLock } from "../lib/util/files";
import { cacheDir, mirror } from "../lib/data/imdb/paths";
import { projectRoot } from "../lib/util/project-root";
import { FIXTURE_REVIEWS, fixtureEntries, makeMirror, setImdbEnv, tempDir, writeArchive } from "./fixtures/imdb-archive";

const folders: string[] = [];
let restoreEnv: (() => void) | undefined;

afterEach(() => {
  restoreEnv?.();
  restoreEnv = undefined;
});

afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function newDir(prefix: string): string {
  const dir = tempDir(prefix);
  folders.push(dir);
  return dir;
}

function recorder() {
  const events: ImdbProgress[] = [];
  return { events, onProgress: (event: ImdbProgress) => events.push(event) };
}

const corpusFile = (cache: string) => path.join(cache, "imdb-corpus.bin");

describe("the cache file", () => {
  let mirrorDir: string;
  beforeAll(async () => {
    mirrorDir = await makeMirror();
    folders.push(mirrorDir);
  });

  it("is built on first use, with progress, then read without rebuilding", async () => {
    const cache = newDir("imdb-cache-");
    restoreEnv = setImdbEnv(mirrorDir, cache);
    const first = recorder();
    const built = await loadData({ onProgress: first.onProgress });
    expect(first.events.filter((e) => e.kind === "build" && e.done)).toHaveLength(1);
    expect(fs.readdirSync(cache)).toEqual(["imdb-corpus.bin"]);

    const second = recorder();
    expect(await loadData({ onProgress: second.onProgress })).toEqual(built);
    expect(second.events).toEqual([]);
  });

  it.each([
    ["truncated", (file: string) => fs.truncateSync(file, fs.statSync(file).size - 100)],
    ["damaged in its header", (file: string) => flipByte(file, 40)],
    ["of another format version", (file: string) => writeContainer(file, "IMDBCRPS", 999, { meta: Buffer.from("{}") })],
    ["not a cache at all", (file: string) => fs.writeFileSync(file, "hello")],
  ])("is rebuilt, never used, when %s", async (_what, damage) => {
    const cache = newDir("imdb-cache-");
    restoreEnv = setImdbEnv(mirrorDir, cache);
    const good = await loadData({ onProgress: () => {} });
    damage(corpusFile(cache));
    const progress = recorder();
    expect(await loadData({ onProgress: progress.onProgress })).toEqual(good);
    expect(progress.events[0].message).toMatch(/^The IMDB cache is unusable \(.+\); rebuilding it\.$/);
    expect(progress.events.some((e) => e.kind === "build" && e.done)).toBe(true);
  });

  it("detects damage in a section when that section is read (here the texts), and rebuilds", async () => {
    const cache = newDir("imdb-cache-");
    restoreEnv = setImdbEnv(mirrorDir, cache);
    await loadReviews({ onProgress: () => {} });
    flipByte(corpusFile(cache), fs.statSync(corpusFile(cache)).size - 3);
    const progress = recorder();
    const reviews = await loadReviews({ onProgress: progress.onProgress });
    expect(reviews.map((r) => r.text)).toEqual(FIXTURE_REVIEWS.map((r) => r.text));
    expect(progress.events[0].message).toContain('section "texts" fails its checksum');
  });
});

describe("bad archives and missing files", () => {
  const expectNothingWritten = (cache: string) => {
    expect(fs.existsSync(cache) ? fs.readdirSync(cache) : []).toEqual([]);
  };

  it("reports a truncated archive, writes nothing, and works once the archive is good", async () => {
    const mirrorDir = newDir("imdb-mirror-");
    const cache = newDir("imdb-cache-");
    const good = path.join(newDir("imdb-good-"), "good.tar.gz");
    await writeArchive(good, fixtureEntries());
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(path.join(mirrorDir, "aclImdb_v1.tar.gz"), bytes.subarray(0, bytes.length - 20));
    restoreEnv = setImdbEnv(mirrorDir, cache);
    await expect(loadData({ onProgress: () => {} })).rejects.toThrow(/aclImdb_v1\.tar\.gz is corrupt or truncated \(.+\)\. Replace aclImdb_v1\.tar\.gz in the IMDB_MIRROR folder/);
    expectNothingWritten(cache);

    fs.writeFileSync(path.join(mirrorDir, "aclImdb_v1.tar.gz"), bytes);
    expect((await loadData({ onProgress: () => {} })).train.x).toHaveLength(4);
  });

  it("reports an archive that is not gzip at all", async () => {
    const mirrorDir = newDir("imdb-mirror-");
    const cache = newDir("imdb-cache-");
    fs.writeFileSync(path.join(mirrorDir, "aclImdb_v1.tar.gz"), "<html>Not found</html>");
    restoreEnv = setImdbEnv(mirrorDir, cache);
    await expect(loadData({ onProgress: () => {} })).rejects.toThrow("is corrupt or truncated");
    expectNothingWritten(cache);
  });

  it.each([
    ["a folder is missing", FIXTURE_REVIEWS.filter((r) => !(r.split === "test" && r.folder === "pos")), "it has no reviews in aclImdb/test/pos/"],
    ["folders differ in size", FIXTURE_REVIEWS.slice(1).map((r, i) => (i === 0 ? { ...r, id: 0 } : r)), "aclImdb/train/pos/ holds 2 reviews but aclImdb/train/neg/ holds 1"],
    ["review numbers have a gap", FIXTURE_REVIEWS.map((r, i) => (i === 0 ? { ...r, id: 5 } : r)), "the review numbers in aclImdb/train/neg/ are not 0 to 1 without gaps or repeats"],
    ["a rating contradicts the label", FIXTURE_REVIEWS.map((r, i) => (i === 0 ? { ...r, rating: 8 } : r)), "aclImdb/train/neg/0_8.txt has a rating outside 1-4"],
  ])("rejects an archive whose layout is wrong: %s", async (_what, reviews, reason) => {
    const mirrorDir = await makeMirror(fixtureEntries(reviews));
    folders.push(mirrorDir);
    const cache = newDir("imdb-cache-");
    restoreEnv = setImdbEnv(mirrorDir, cache);
    await expect(loadData({ onProgress: () => {} })).rejects.toThrow(`does not have the layout of the IMDB dataset: ${reason}.`);
    expectNothingWritten(cache);
  });

  it("says which file is missing, where it looked, and how to provide it", async () => {
    const mirrorDir = newDir("imdb-mirror-");
    restoreEnv = setImdbEnv(mirrorDir, newDir("imdb-cache-"));
    await expect(loadData({ onProgress: () => {} })).rejects.toThrow(
      `aclImdb_v1.tar.gz is missing: looked for ${path.join(mirrorDir, "aclImdb_v1.tar.gz")} (IMDB_MIRROR=${mirrorDir}, taken from the project root). ` +
        "Put aclImdb_v1.tar.gz there (it is published at https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz), or unset IMDB_MIRROR to download it.",
    );
  });

  it("rejects a word index that is not one", async () => {
    const mirrorDir = await makeMirror();
    folders.push(mirrorDir);
    fs.writeFileSync(path.join(mirrorDir, "imdb_word_index.json"), '{"the": 1, "and": "two"}');
    restoreEnv = setImdbEnv(mirrorDir, newDir("imdb-cache-"));
    await expect(loadData({ vocabulary: "keras", onProgress: () => {} })).rejects.toThrow(
      'imdb_word_index.json is not a usable Keras word index: the rank of "and" is two, not a positive integer. Replace it with the file published by Keras.',
    );
  });
});

describe("paths", () => {
  it("finds the project root from the library's location and resolves relative settings from it", () => {
    const root = projectRoot();
    expect(JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).name).toBe("imdb-sentiment-course");
    restoreEnv = setImdbEnv("../shared/imdb", "tmp-cache");
    expect(mirror()).toEqual({ kind: "folder", folder: path.resolve(root, "../shared/imdb"), setting: "../shared/imdb" });
    expect(cacheDir()).toBe(path.join(root, "tmp-cache"));
  });

  it("defaults the cache to <project>/data and takes URLs as URLs", () => {
    restoreEnv = setImdbEnv("http://127.0.0.1:9/imdb/", "");
    expect(cacheDir()).toBe(path.join(projectRoot(), "data"));
    expect(mirror()).toEqual({ kind: "url", baseUrl: "http://127.0.0.1:9/imdb", setting: "http://127.0.0.1:9/imdb/" });
  });
});

describe("container format", () => {
  it("round-trips sections and refuses another version", () => {
    const file = path.join(newDir("imdb-container-"), "c.bin");
    writeContainer(file, "TESTFILE", 3, { numbers: Int32Array.from([1, -2, 3]), text: Buffer.from("héllo") });
    const reader = ContainerReader.open(file, "TESTFILE", 3);
    expect(Array.from(reader.int32("numbers"))).toEqual([1, -2, 3]);
    expect(reader.text("text")).toBe("héllo");
    reader.close();
    expect(() => ContainerReader.open(file, "TESTFILE", 4)).toThrow(InvalidContainerError);
    expect(() => ContainerReader.open(file, "TESTFILE", 4)).toThrow("has format version 3, this library reads version 4");
  });
});

describe("withFileLock", () => {
  it("runs tasks one at a time", async () => {
    const lock = path.join(newDir("imdb-lock-"), "x.lock");
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      log.push(`${name} end`);
    };
    await Promise.all([withFileLock(lock, task("a")), withFileLock(lock, task("b"))]);
    expect(log).toEqual(["a start", "a end", "b start", "b end"]);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it("queues calls of the same process without announcing a wait for another process, and goes on after a failure", async () => {
    const lock = path.join(newDir("imdb-lock-"), "x.lock");
    const waits: string[] = [];
    const failing = withFileLock(lock, async () => {
      throw new Error("first task failed");
    }, () => waits.push("first"));
    const second = withFileLock(lock, async () => "second ran", () => waits.push("second"));
    await expect(failing).rejects.toThrow("first task failed");
    expect(await second).toBe("second ran");
    expect(waits).toEqual([]);
  });

  it("takes over a lock left by a process that no longer exists", async () => {
    const lock = path.join(newDir("imdb-lock-"), "x.lock");
    fs.writeFileSync(lock, "2147483646"); // no such process
    expect(await withFileLock(lock, async () => "ran")).toBe("ran");
  });
});

function flipByte(file: string, position: number): void {
  const bytes = fs.readFileSync(file);
  bytes[position] ^= 0xff;
  fs.writeFileSync(file, bytes);
}
