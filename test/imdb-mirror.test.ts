/**
 * Integration on the real dataset, from IMDB_MIRROR (default ../shared/imdb,
 * taken from the project root). The cache stays in IMDB_CACHE_DIR (default
 * data/), so it is built at most once across runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { decode, loadData, loadReviews, tokenize, type ImdbData, type Review } from "../lib/index";
import { INT32_MAX } from "../lib/util/int32";
import { projectRoot } from "../lib/util/project-root";

process.env.IMDB_MIRROR ||= "../shared/imdb";
const mirrorFolder = path.resolve(projectRoot(), process.env.IMDB_MIRROR);
const available = /^https?:/.test(process.env.IMDB_MIRROR) || fs.existsSync(path.join(mirrorFolder, "aclImdb_v1.tar.gz"));
if (!available) {
  console.warn(`Skipping the IMDB integration tests: no aclImdb_v1.tar.gz in ${mirrorFolder}. Set IMDB_MIRROR to the dataset mirror to run them.`);
}

// Generous timeouts: the machine is shared, and one loadData takes up to a few seconds when it is busy.
describe.skipIf(!available)("the IMDB dataset from the mirror", { timeout: 60_000 }, () => {
  let data: ImdbData;
  let reviews: Review[];

  beforeAll(async () => {
    data = await loadData();
    reviews = await loadReviews({ onProgress: () => {} });
  }, 180_000);

  it("has 25,000 training and 25,000 test reviews, half of each positive", () => {
    expect(data.train.x).toHaveLength(25_000);
    expect(data.test.x).toHaveLength(25_000);
    expect(data.train.y.filter((y) => y === 1)).toHaveLength(12_500);
    expect(data.test.y.filter((y) => y === 1)).toHaveLength(12_500);
    expect(reviews).toHaveLength(50_000);
  });

  it("lists the reviews in the documented order with consistent ids, labels and ratings", () => {
    const expectedOrder = ["train", "test"].flatMap((split) =>
      [0, 1].flatMap((label) => Array.from({ length: 12_500 }, (_, id) => `${split} ${label} ${id}`)),
    );
    expect(reviews.map((r) => `${r.split} ${r.label} ${r.id}`)).toEqual(expectedOrder);
    expect(reviews.every((r) => (r.label === 1 ? r.rating >= 7 && r.rating <= 10 : r.rating >= 1 && r.rating <= 4))).toBe(true);
  });

  it("keeps each sequence's label and review together through the shuffle", () => {
    expect(data.train.y.every((y, i) => reviews[data.train.reviewIndex[i]].label === y && reviews[data.train.reviewIndex[i]].split === "train")).toBe(true);
    expect(data.test.y.every((y, i) => reviews[data.test.reviewIndex[i]].label === y && reviews[data.test.reviewIndex[i]].split === "test")).toBe(true);
  });

  it("decodes the first training sequence back to its review's tokens", async () => {
    const all = await loadData({ numWords: INT32_MAX, onProgress: () => {} });
    const text = reviews[all.train.reviewIndex[0]].text;
    expect(await decode(all.train.x[0], { onProgress: () => {} })).toBe(["<start>", ...tokenize(text)].join(" "));
  });

  it("gives the same order for the same seed and another order for another seed", async () => {
    const again = await loadData({ onProgress: () => {} });
    const other = await loadData({ seed: 114, onProgress: () => {} });
    expect(again.train.reviewIndex).toEqual(data.train.reviewIndex);
    expect(again.test.reviewIndex).toEqual(data.test.reviewIndex);
    expect(other.train.reviewIndex).not.toEqual(data.train.reviewIndex);
    expect(other.test.reviewIndex).not.toEqual(data.test.reviewIndex);
    expect([...other.train.reviewIndex].sort((a, b) => a - b)).toEqual([...data.train.reviewIndex].sort((a, b) => a - b));
  });

  it('leaves under 1% of the tokens out of vocabulary with vocabulary: "keras"', async () => {
    const keras = await loadData({ vocabulary: "keras", numWords: INT32_MAX, startChar: null, onProgress: () => {} });
    let tokens = 0;
    let outOfVocabulary = 0;
    for (const x of [...keras.train.x, ...keras.test.x]) {
      tokens += x.length;
      for (const index of x) if (index === 2) outOfVocabulary++;
    }
    console.log(`Keras vocabulary: ${outOfVocabulary} of ${tokens} tokens out of vocabulary (${((100 * outOfVocabulary) / tokens).toFixed(2)}%).`);
    expect(tokens).toBeGreaterThan(11_000_000);
    expect(outOfVocabulary / tokens).toBeLessThan(0.01);
  });

  it("cuts at numWords: every index below 10,000, with 9,999 reached", async () => {
    const cut = await loadData({ numWords: 10_000, onProgress: () => {} });
    let largest = 0;
    for (const x of cut.train.x) for (const index of x) largest = Math.max(largest, index);
    expect(largest).toBe(9_999);
  });
});
