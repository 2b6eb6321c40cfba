/**
 * Which words of the review typed on the demo page pushed a model's score,
 * and how far: lib/explain.ts's explanations, in the browser (bundled into
 * demo.js by ../demo.ts). Instructor tooling for `npm run export`; no lesson
 * teaches it.
 *
 * The bag of n-grams goes through explainPrediction itself: exact and cheap,
 * so the page explains it on every keystroke. explainPrediction encodes a
 * network's text through the vocabulary files, which the page holds in
 * memory instead: here a network's tokens are encoded from that, and lib's
 * occlusionSequences go through networkLogits a few texts at a time, so that
 * typing stays responsive and a newer text or another model cancels the
 * work; lib's occlusionExplanation reads the result.
 */
import { networkLogits } from "../../../lib/analysis/batch-predictions";
import { explainPrediction, occlusionExplanation, occlusionSequences, type Explanation } from "../../../lib/analysis/explain";
import { textIndices, vocabularyTokens } from "../../../lib/data/imdb/text-indices";
import { unseenWords } from "../../../lib/models/loaded-network-model";
import type { PageModel, PageNetworkModel } from "./models";

/** Occlusion runs one forward pass per token: longer reviews would keep the page busy for a minute. */
export const MAX_OCCLUSION_TOKENS = 400;
/** Texts per forward pass between two breaks for the page's events. */
const OCCLUSION_BATCH = 16;

export interface ExplainControl {
  /** True once the explanation is no longer wanted (the text or the model changed): the work stops there. */
  cancelled: () => boolean;
  /** Texts through the network so far, of `total`. */
  onProgress?: (done: number, total: number) => void;
}

/** explainPrediction's explanation of `text`, or undefined when cancelled. */
export async function explainInPage(model: PageModel, text: string, control: ExplainControl): Promise<Explanation | undefined> {
  return model.kind === "ngrams" ? explainPrediction(model.loaded, text) : occlusion(model, text, control);
}

async function occlusion(model: PageNetworkModel, text: string, control: ExplainControl): Promise<Explanation | undefined> {
  const { loaded, vocabulary, wordIndex, rules } = model;
  const tokens = vocabularyTokens(vocabulary, text);
  if (tokens.length > MAX_OCCLUSION_TOKENS) {
    throw new RangeError(`this review has ${tokens.length} words; occlusion runs the network once per word, so the page explains networks for reviews of up to ${MAX_OCCLUSION_TOKENS} words (the bag of n-grams for any length).`);
  }
  const start = Array.from(textIndices(vocabulary, "", wordIndex, rules));
  const encoded = tokens.map((token) => Array.from(textIndices(vocabulary, token, wordIndex, { ...rules, startChar: null })));
  const input = { tokens, start, encoded };
  const sequences = occlusionSequences(input);
  const logits = new Float64Array(sequences.length);
  for (let from = 0; from < sequences.length; from += OCCLUSION_BATCH) {
    if (control.cancelled()) return undefined;
    logits.set(networkLogits(loaded, sequences.slice(from, from + OCCLUSION_BATCH)), from);
    control.onProgress?.(Math.min(from + OCCLUSION_BATCH, sequences.length), sequences.length);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  if (control.cancelled()) return undefined;

  return occlusionExplanation(loaded, text, input, logits, model.predict(text), unseenWords(tokens, wordIndex, rules));
}
