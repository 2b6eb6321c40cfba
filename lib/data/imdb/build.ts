/**
 * The cold build: archive → one cache file holding every labeled review's
 * metadata, text and token numbers, plus the vocabulary; and the same
 * reviews split by Keras' rules (keras-tokenize.ts), with their own word list.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ArchiveError, readArchiveReviews, type ArchiveReview } from "./archive";
import { writeContainer } from "./container";
import { CORPUS_MAGIC, CORPUS_VERSION, type CorpusMeta } from "./corpus-format";
import { forEachKerasToken } from "./keras-tokenize";
import type { ProgressListener } from "./progress";
import { forEachToken } from "./tokenize";
import { GrowableInt32 } from "../../util/growable-int32";
import { NumberedTokens, WordTable } from "./word-table";

const EVENT_INTERVAL_MS = 250;

interface PendingReview {
  split: 0 | 1;
  label: 0 | 1;
  id: number;
  rating: number;
  tokenStart: number;
  tokenEnd: number;
  kerasTokenStart: number;
  kerasTokenEnd: number;
  text: Buffer;
}

/**
 * Reads `archive`, checks its layout, tokenizes every labeled review and
 * writes the cache file `target` atomically. Throws (leaving no file) when
 * the archive is unreadable or is not the IMDB dataset.
 */
export async function buildCorpusFile(archive: string, target: string, onProgress: ProgressListener): Promise<void> {
  const startedAt = Date.now();
  const archiveBytes = fs.statSync(archive).size;
  const numbered = new NumberedTokens(); // first-seen order, renumbered by frequency below
  const { tokens } = numbered;
  const kerasWordNumbers = new WordTable(); // first-seen order; ranks come from the Keras index at load time
  const kerasTokens = new GrowableInt32();
  const reviews: PendingReview[] = [];
  let compressed = 0;
  let lastEventAt = 0;
  const report = (done: boolean, message: string) =>
    onProgress({ kind: "build", reviewsDone: reviews.length, fraction: done ? 1 : compressed / archiveBytes, done, message });

  report(false, `Building the IMDB cache from ${archive} (once; it takes a few seconds) ...`);
  const onKerasToken = (source: string, start: number, end: number) => kerasTokens.push(kerasWordNumbers.numberOf(source, start, end) + 1);
  const onReview = (review: ArchiveReview) => {
    const isTrain = review.split === "train";
    numbered.counting = isTrain;
    const tokenStart = tokens.length;
    const kerasTokenStart = kerasTokens.length;
    const text = review.bytes.toString("utf8");
    forEachToken(text, {}, numbered.onToken);
    forEachKerasToken(text, onKerasToken);
    reviews.push({
      split: isTrain ? 0 : 1, label: review.label, id: review.id, rating: review.rating,
      tokenStart, tokenEnd: tokens.length, kerasTokenStart, kerasTokenEnd: kerasTokens.length, text: review.bytes,
    });
    if (Date.now() - lastEventAt >= EVENT_INTERVAL_MS) {
      lastEventAt = Date.now();
      report(false, `Building the IMDB cache: ${reviews.length.toLocaleString("en-US")} reviews tokenized (${Math.round((100 * compressed) / archiveBytes)}% of the archive read)`);
    }
  };
  await readArchiveReviews(archive, onReview, (bytes) => (compressed = bytes));
  checkLayout(archive, reviews);

  // Documented order: train before test, negative before positive, then by id.
  reviews.sort((a, b) => a.split - b.split || a.label - b.label || a.id - b.id);
  const { words, renumber, projectWords } = numbered.ranked();

  const n = reviews.length;
  const split = new Uint8Array(n);
  const label = new Uint8Array(n);
  const id = new Int32Array(n);
  const rating = new Uint8Array(n);
  const tokenOffsets = new Int32Array(n + 1);
  const orderedTokens = new Int32Array(tokens.length);
  const kerasTokenOffsets = new Int32Array(n + 1);
  const orderedKerasTokens = new Int32Array(kerasTokens.length);
  const textOffsets = new Float64Array(n + 1);
  let tokenAt = 0;
  let kerasTokenAt = 0;
  let textAt = 0;
  reviews.forEach((review, i) => {
    split[i] = review.split;
    label[i] = review.label;
    id[i] = review.id;
    rating[i] = review.rating;
    tokenOffsets[i] = tokenAt;
    for (let t = review.tokenStart; t < review.tokenEnd; t++) orderedTokens[tokenAt++] = renumber[tokens.data[t]];
    kerasTokenOffsets[i] = kerasTokenAt;
    orderedKerasTokens.set(kerasTokens.data.subarray(review.kerasTokenStart, review.kerasTokenEnd), kerasTokenAt);
    kerasTokenAt += review.kerasTokenEnd - review.kerasTokenStart;
    textOffsets[i] = textAt;
    textAt += review.text.length;
  });
  tokenOffsets[n] = tokenAt;
  kerasTokenOffsets[n] = kerasTokenAt;
  textOffsets[n] = textAt;

  const meta: CorpusMeta = { reviews: n, trainReviews: split.filter((s) => s === 0).length, projectWords, tokens: tokenAt };
  writeContainer(target, CORPUS_MAGIC, CORPUS_VERSION, {
    meta: Buffer.from(JSON.stringify(meta)),
    split, label, id, rating, tokenOffsets, tokens: orderedTokens,
    words: Buffer.from(words.join("\n")),
    kerasTokenOffsets, kerasTokens: orderedKerasTokens,
    kerasWords: Buffer.from(kerasWordNumbers.words().join("\n")),
    textOffsets, texts: reviews.map((review) => review.text),
  });
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  report(true, `Built the IMDB cache in ${seconds} s: ${n.toLocaleString("en-US")} reviews, ${tokenAt.toLocaleString("en-US")} tokens, ` +
    `${words.length.toLocaleString("en-US")} distinct words (${path.basename(target)} in ${path.dirname(target)}).`);
}

/**
 * The archive must hold the dataset's layout: the four folders train/pos,
 * train/neg, test/pos, test/neg with the same number of reviews, numbered 0 to
 * N-1 in each, negative ratings 1-4 and positive ratings 7-10 (the official
 * dataset has N = 12,500). This catches a wrong, incomplete or re-packed-badly
 * archive that still decompresses.
 */
function checkLayout(archive: string, reviews: PendingReview[]): void {
  const folders = new Map<string, number[]>();
  for (const folder of ["train/neg", "train/pos", "test/neg", "test/pos"]) folders.set(folder, []);
  for (const review of reviews) {
    const folder = `${review.split === 0 ? "train" : "test"}/${review.label === 1 ? "pos" : "neg"}`;
    folders.get(folder)!.push(review.id);
    const ratingOk = review.label === 1 ? review.rating >= 7 && review.rating <= 10 : review.rating >= 1 && review.rating <= 4;
    if (!ratingOk) throw layoutError(archive, `aclImdb/${folder}/${review.id}_${review.rating}.txt has a rating outside ${review.label === 1 ? "7-10" : "1-4"}`);
  }
  const expected = folders.get("train/neg")!.length;
  for (const [folder, ids] of folders) {
    if (ids.length === 0) throw layoutError(archive, `it has no reviews in aclImdb/${folder}/`);
    if (ids.length !== expected) throw layoutError(archive, `aclImdb/${folder}/ holds ${ids.length} reviews but aclImdb/train/neg/ holds ${expected}`);
    const seen = new Uint8Array(ids.length);
    for (const id of ids) {
      if (id >= ids.length || seen[id] === 1) throw layoutError(archive, `the review numbers in aclImdb/${folder}/ are not 0 to ${ids.length - 1} without gaps or repeats`);
      seen[id] = 1;
    }
  }
}

function layoutError(archive: string, reason: string): ArchiveError {
  return new ArchiveError(`${archive} does not have the layout of the IMDB dataset: ${reason}.`);
}
