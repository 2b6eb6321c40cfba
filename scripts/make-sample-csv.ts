/**
 * `npx tsx scripts/make-sample-csv.ts`
 *
 * Writes data/samples/imdb-sample.csv, the small CSV that lesson 8 ("Your own
 * data") loads: 300 reviews of the IMDB test split (150 negative, 150
 * positive, each at most 800 characters long so the file stays small), drawn
 * with a fixed seed, with their label and star rating. Running it again gives
 * the same file byte for byte.
 */
import * as path from "node:path";
import Papa from "papaparse";
import { loadReviews, type Review } from "../lib/data/imdb/reviews";
import { writeFileAtomic } from "../lib/util/files";
import { shuffled } from "../lib/util/shuffle";
import { mulberry32 } from "../lib/util/random";
import { flags, runMain } from "./cli";
import { PROJECT_ROOT } from "./jupyter-env";

const TARGET = path.join(PROJECT_ROOT, "data", "samples", "imdb-sample.csv");
const PER_LABEL = 150;
const MAX_CHARACTERS = 800;
const SEED = 2011; // the dataset's year

async function main(argv: string[]): Promise<void> {
  flags(argv, []);
  const reviews = (await loadReviews({ split: "test" })).filter((review) => review.text.length <= MAX_CHARACTERS);
  const random = mulberry32(SEED);
  const chosen: Review[] = [];
  for (const label of [0, 1]) {
    const candidates = reviews.filter((review) => review.label === label);
    chosen.push(...shuffled(candidates, random).slice(0, PER_LABEL));
  }
  const rows = shuffled(chosen, random).map((review) => ({
    text: review.text,
    label: review.label === 1 ? "positive" : "negative",
    rating: review.rating,
    source: `aclImdb/test/${review.label === 1 ? "pos" : "neg"}/${review.id}_${review.rating}.txt`,
  }));
  const csv = Papa.unparse(rows, { newline: "\n", quotes: false }) + "\n";
  writeFileAtomic(TARGET, [Buffer.from(csv, "utf8")]);
  console.log(`Wrote ${rows.length} reviews (${(Buffer.byteLength(csv) / 1024).toFixed(0)} KB) to ${path.relative(PROJECT_ROOT, TARGET)}.`);
}

runMain(main, { usage: "Usage: npx tsx scripts/make-sample-csv.ts (no arguments)" });
