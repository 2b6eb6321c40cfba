/**
 * Keras' preprocessing: the tokenizer rules on hand-made cases, then
 * loadData({ vocabulary: "keras" }) against a sample of Keras' own
 * `imdb.load_data(num_words=500)` output, kept beside the dataset mirror
 * (IMDB_MIRROR, default ../shared/imdb) as keras-sample-num_words-500.json.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { KERAS_FILTERS, kerasTokenize, loadData } from "../lib/index";
import { projectRoot } from "../lib/util/project-root";

describe("kerasTokenize", () => {
  it("keeps br from <br />, apostrophes inside and at the edges of words", () => {
    expect(kerasTokenize("Great.<br /><br />Don't miss 'Heat'!")).toEqual(["great", "br", "br", "don't", "miss", "'heat'"]);
  });

  it("lowercases A-Z only: other capitals, accents and the typographic apostrophe stay", () => {
    expect(kerasTokenize("ÁNGEL Amélie DON’T")).toEqual(["Ángel", "amélie", "don’t"]);
  });

  it("splits at every filter character and at spaces, but not at other white space", () => {
    expect(kerasTokenize("well-made 7/10 a\tb\nc d\re x\u00a0y")).toEqual(["well", "made", "7", "10", "a", "b", "c", "d\re", "x\u00a0y"]);
    expect(kerasTokenize(`a${KERAS_FILTERS}b`)).toEqual(["a", "b"]);
    expect(kerasTokenize(" ... ")).toEqual([]);
  });

  it("keeps the ellipsis and dashes of Windows-1252 text inside words", () => {
    expect(kerasTokenize("so\u0085 good\u0097really")).toEqual(["so\u0085", "good\u0097really"]);
  });
});

process.env.IMDB_MIRROR ||= "../shared/imdb";
const SAMPLE = path.resolve(projectRoot(), process.env.IMDB_MIRROR, "keras-sample-num_words-500.json");
const available = fs.existsSync(SAMPLE);
if (!available) console.warn(`Skipping the Keras sample test: no ${SAMPLE}. Set IMDB_MIRROR to the dataset mirror to run it.`);

interface KerasSample {
  train: { x: number[][]; y: number[] };
  test: { x: number[][]; y: number[] };
}

describe.skipIf(!available)("loadData with Keras' vocabulary against Keras' imdb.load_data(num_words=500)", { timeout: 120_000 }, () => {
  it("reproduces at least 99% of the sample's training and test sequences, with their labels", async () => {
    const sample = JSON.parse(fs.readFileSync(SAMPLE, "utf8")) as KerasSample;
    const data = await loadData({ vocabulary: "keras", numWords: 500, onProgress: () => {} });
    for (const split of ["train", "test"] as const) {
      // The tarball's order differs from Keras' own, so reviews are matched by their sequence.
      const labelOf = new Map(data[split].x.map((x, i) => [x.join(","), data[split].y[i]]));
      const expected = sample[split];
      const matched = expected.x.filter((x, i) => labelOf.get(x.join(",")) === expected.y[i]).length;
      console.log(`Keras sample, ${split}: ${matched} of ${expected.x.length} sequences reproduced exactly (${((100 * matched) / expected.x.length).toFixed(1)}%).`);
      expect(matched / expected.x.length).toBeGreaterThanOrEqual(0.99);
    }
  });
});
