/**
 * The course's one tokenizer, used to build the dataset and to encode a
 * learner's own text, so that both go through exactly the same rules.
 */
import { checkKnownKeys, requiredStringOption } from "../../util/options";

/** Bumped whenever the rules below change: a cache built by other rules is then rebuilt. */
export const TOKENIZER_VERSION = 1;

export interface TokenizeOptions {
  /** Also emit each punctuation mark or symbol as a one-character token (lesson 7). Default false. */
  punctuation?: boolean;
}

const TOKENIZE_KEYS: readonly (keyof TokenizeOptions)[] = ["punctuation"];

const OTHER = 0;
const WORD = 1;
const APOSTROPHE = 2;
const MARK = 3;

const APOSTROPHE_CODE = 0x27;
const BR_TAG = /<br\s*\/?>/gi;
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;
const MARK_CHAR = /^[\p{P}\p{S}]$/u;

// One lookup per UTF-16 unit keeps the scan fast on 65 MB of reviews; the table
// is filled from Unicode properties once, when the module loads (~10 ms).
const BMP_CLASS = buildBmpClasses();

function buildBmpClasses(): Uint8Array {
  const classes = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue; // surrogates: classified as pairs
    classes[code] = classify(String.fromCharCode(code));
  }
  classes[APOSTROPHE_CODE] = APOSTROPHE;
  return classes;
}

function classify(char: string): number {
  if (WORD_CHAR.test(char)) return WORD;
  if (MARK_CHAR.test(char)) return MARK;
  return OTHER;
}

/**
 * Splits a review into lowercase word tokens (lesson 1, "Exploring the
 * reviews"; the punctuation variant is used in lesson 7, "Bag of n-grams").
 *
 * Rules, in order:
 * 1. HTML line breaks (`<br />`, `<br/>`, `<br>`, any case) count as spaces,
 *    so the markup never becomes a word ("br").
 * 2. The text is lowercased (`toLowerCase`, independent of locale).
 * 3. A token is a maximal run of letters of any script (accented letters stay
 *    inside the word: "café", "naïve"), combining marks, digits and ASCII
 *    apostrophes ('), with apostrophes at its start and end removed: "don't"
 *    stays whole, "'tis" gives "tis", "actors'" gives "actors", a lone "'" gives
 *    nothing. Everything else separates tokens: spaces, hyphens ("well-made" →
 *    "well", "made"), the typographic apostrophe ’ ("don’t" → "don", "t"),
 *    slashes and dots between digits ("7/10" → "7", "10"; "3.5" → "3", "5").
 *    Digits stay tokens of their own or inside words ("1950s").
 * 4. With `{ punctuation: true }`, every punctuation mark or symbol outside a
 *    word (Unicode categories P and S: `! ? . , " ( ) - : ; * $ …`), including
 *    the apostrophes removed in rule 3, is also emitted as a one-character
 *    token in its place: `Great!!` → "great", "!", "!".
 *
 * With these rules and the Keras word index, 0.51% of the tokens of the 50,000
 * labeled reviews are out of vocabulary.
 */
export function tokenize(text: string, options: TokenizeOptions = {}): string[] {
  const tokens: string[] = [];
  forEachToken(text, options, (source, start, end) => tokens.push(source.slice(start, end)));
  return tokens;
}

/**
 * The scan behind `tokenize`: calls `onToken(source, start, end)` for each
 * token, where `source` is the text after rules 1 and 2 and the token is
 * `source.slice(start, end)`. The cache build uses it to number words without
 * creating a string per token.
 */
export function forEachToken(
  text: string, options: TokenizeOptions, onToken: (source: string, start: number, end: number) => void,
): void {
  requiredStringOption("tokenize", "text", text);
  checkKnownKeys("tokenize", options, TOKENIZE_KEYS);
  const punctuation = options.punctuation === true;
  const source = text.replace(BR_TAG, " ").toLowerCase();
  const length = source.length;
  let i = 0;
  while (i < length) {
    const unitLength = unitLengthAt(source, i);
    const kind = classAt(source, i, unitLength);
    if (kind === OTHER) {
      i += unitLength;
    } else if (kind === MARK) {
      if (punctuation) onToken(source, i, i + unitLength);
      i += unitLength;
    } else {
      const runStart = i;
      while (i < length) {
        const n = unitLengthAt(source, i);
        const k = classAt(source, i, n);
        if (k !== WORD && k !== APOSTROPHE) break;
        i += n;
      }
      let start = runStart;
      let end = i;
      while (start < end && source.charCodeAt(start) === APOSTROPHE_CODE) start++;
      while (end > start && source.charCodeAt(end - 1) === APOSTROPHE_CODE) end--;
      if (punctuation) for (let a = runStart; a < start; a++) onToken(source, a, a + 1);
      if (end > start) onToken(source, start, end);
      if (punctuation) for (let a = Math.max(end, start); a < i; a++) onToken(source, a, a + 1);
    }
  }
}

/** 2 at a surrogate pair (a character outside the Basic Multilingual Plane), else 1. */
function unitLengthAt(source: string, i: number): number {
  const code = source.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff && i + 1 < source.length) {
    const next = source.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 2;
  }
  return 1;
}

function classAt(source: string, i: number, unitLength: number): number {
  if (unitLength === 1) return BMP_CLASS[source.charCodeAt(i)];
  return classify(source.slice(i, i + 2));
}
