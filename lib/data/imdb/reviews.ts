/** Raw access to the reviews for exploration: text, label, rating and id. */
import type { DataFrame } from "danfojs-node";
import { readCorpus } from "./corpus";
import { checkKnownKeys, choiceOption, functionOption } from "../../util/options";
import { throttledPrinter, type ProgressListener } from "./progress";

export interface Review {
  /** The number in the file name `ID_RATING.txt`, unique within one split and label only. */
  id: number;
  /** The reviewer's rating out of 10: 1-4 for negative reviews, 7-10 for positive ones. */
  rating: number;
  /** 0 = negative, 1 = positive. */
  label: 0 | 1;
  split: "train" | "test";
  /** The review as written, HTML line breaks (`<br />`) included. */
  text: string;
}

export interface LoadReviewsOptions {
  /** "all" (default), "train" or "test". */
  split?: "all" | "train" | "test";
  onProgress?: ProgressListener;
}

const SPLITS = ["all", "train", "test"] as const;

/**
 * The 50,000 labeled reviews with their text (lesson 1, "Exploring the
 * reviews"), in a fixed order: the training reviews, then the test reviews;
 * within each, negative before positive; then by id. With the default
 * `split: "all"`, a review's position in this array is what loadData's
 * `reviewIndex` refers to. Reads the cache (about 65 MB of text).
 */
export async function loadReviews(options: LoadReviewsOptions = {}): Promise<Review[]> {
  const where = "loadReviews";
  const given = checkKnownKeys(where, options, ["split", "onProgress"]);
  const split = choiceOption(where, "split", given.split, SPLITS, "all");
  const onProgress = functionOption<ProgressListener>(where, "onProgress", given.onProgress) ?? throttledPrinter();
  return readCorpus(onProgress, (reader) => {
    const splits = reader.uint8("split");
    const labels = reader.uint8("label");
    const ids = reader.int32("id");
    const ratings = reader.uint8("rating");
    const textBytes = reader.bytes("textOffsets");
    const textOffsets = new Float64Array(textBytes.buffer, textBytes.byteOffset, textBytes.byteLength / 8);
    const texts = reader.bytes("texts");
    const reviews: Review[] = [];
    for (let i = 0; i < splits.length; i++) {
      const reviewSplit = splits[i] === 0 ? "train" : "test";
      if (split !== "all" && split !== reviewSplit) continue;
      reviews.push({
        id: ids[i],
        rating: ratings[i],
        label: labels[i] === 1 ? 1 : 0,
        split: reviewSplit,
        text: texts.toString("utf8", textOffsets[i], textOffsets[i + 1]),
      });
    }
    return reviews;
  });
}

/**
 * The reviews of `loadReviews(options)` as a danfojs DataFrame with columns
 * id, rating, label, split, text (lesson 1, "Exploring the reviews").
 * danfojs is loaded on the first call only, so loading data alone does not pay
 * its 2-3 s import.
 */
export async function reviewsFrame(options: LoadReviewsOptions = {}): Promise<DataFrame> {
  const reviews = await loadReviews(options);
  const dfd = await import("danfojs-node");
  return new dfd.DataFrame({
    id: reviews.map((r) => r.id),
    rating: reviews.map((r) => r.rating),
    label: reviews.map((r) => r.label),
    split: reviews.map((r) => r.split),
    text: reviews.map((r) => r.text),
  });
}
