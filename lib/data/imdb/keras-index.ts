/** The Keras IMDB word index (word → frequency rank, 1 = "the"), read and checked. */
import * as fs from "node:fs";
import { errorMessage } from "../../util/errors";
import { withCacheLock } from "./cache-lock";
import { WORD_INDEX_FILE } from "./paths";
import type { ProgressListener } from "./progress";
import { localSource } from "./sources";

const memo = new Map<string, Map<string, number>>();

/** The Keras word index, fetched into the cache on first use; memoized per file version. */
export async function kerasWordIndex(onProgress: ProgressListener): Promise<Map<string, number>> {
  const source = await withCacheLock(() => localSource(WORD_INDEX_FILE, onProgress));
  const stat = fs.statSync(source.path);
  const key = `${source.path}|${stat.size}|${stat.mtimeMs}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let index: Map<string, number>;
  try {
    index = parseWordIndex(fs.readFileSync(source.path, "utf8"));
  } catch (error) {
    const fix = source.inCache ? "It was deleted: run again to fetch it afresh." : "Replace it with the file published by Keras.";
    if (source.inCache) fs.rmSync(source.path, { force: true });
    throw new Error(`${source.path} is not a usable Keras word index: ${errorMessage(error)}. ${fix}`);
  }
  memo.set(key, index);
  return index;
}

function parseWordIndex(json: string): Map<string, number> {
  const parsed: unknown = JSON.parse(json);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("it is not a JSON object");
  const index = new Map<string, number>();
  for (const [word, rank] of Object.entries(parsed)) {
    if (typeof rank !== "number" || !Number.isInteger(rank) || rank < 1) throw new Error(`the rank of "${word}" is ${String(rank)}, not a positive integer`);
    index.set(word, rank);
  }
  if (index.size === 0) throw new Error("it is empty");
  return index;
}
