/**
 * Text highlighted by how much each token pushed a model's score (lesson 9,
 * "Inside the models"): blue towards positive, orange towards negative, the
 * number on hover.
 *
 * The HTML uses only `<span>`/`<div>` elements with inline styles (hex
 * colours, padding, border-radius, a dotted underline) and `title`
 * attributes, no script and no class: Jupyter shows untrusted outputs (a
 * notebook opened from git) through its HTML sanitiser, which keeps exactly
 * these, and nbconvert's HTML export copies them as they are.
 */
import type { Explanation } from "./explain";
import { requiredNumberOption } from "../util/options";

export interface HighlightedToken {
  token: string;
  /** Its push on the model's logit: > 0 towards positive, < 0 towards negative. */
  contribution: number;
  /** Said on hover after the number, e.g. "not in the vocabulary"; the token is underlined with dots. */
  note?: string;
}

export interface HighlightOptions {
  /**
   * The |contribution| that gets the strongest colour; larger values are
   * capped there. Default: the largest |contribution| of these tokens. Give
   * the same value to several texts to make their colours comparable.
   */
  scale?: number;
  /** Decimals of the numbers shown (default: 2, more when the scale is below 0.1, so that two significant digits show). */
  digits?: number;
}

/**
 * The two ends of the scale: ColorBrewer's PuOr (purple–orange) is readable
 * with the common colour-vision deficiencies; these are its darkest blue-purple
 * and orange, mixed with white by the size of a contribution.
 */
export const HIGHLIGHT_POSITIVE_COLOR = "#2166ac";
export const HIGHLIGHT_NEGATIVE_COLOR = "#d95f02";
const WHITE: Rgb = [255, 255, 255];

type Rgb = [number, number, number];

/**
 * The background of a contribution on a scale whose strongest colour is at
 * `scale`: white at 0, HIGHLIGHT_POSITIVE_COLOR at +scale and above,
 * HIGHLIGHT_NEGATIVE_COLOR at −scale and below, linear in between (lesson 9).
 */
export function contributionColor(contribution: number, scale: number): string {
  requiredNumberOption("contributionColor", "contribution", contribution, {});
  requiredNumberOption("contributionColor", "scale", scale, { min: 0, exclusive: true });
  const strength = Math.min(1, Math.abs(contribution) / scale);
  const end = hexToRgb(contribution >= 0 ? HIGHLIGHT_POSITIVE_COLOR : HIGHLIGHT_NEGATIVE_COLOR);
  return rgbToHex(WHITE.map((w, i) => Math.round(w + (end[i] - w) * strength)) as Rgb);
}

/**
 * One line of highlighted tokens, separated by spaces (lesson 9). Each token
 * is a span coloured by `contributionColor`, with its contribution on hover
 * ("good: +0.84"); dark backgrounds get white text.
 */
export function highlightedTextHtml(tokens: readonly HighlightedToken[], options: HighlightOptions = {}): string {
  const scale = options.scale ?? defaultScale(tokens);
  const digits = options.digits ?? digitsFor(scale);
  const spans = tokens.map(({ token, contribution, note }) => {
    const background = contributionColor(contribution, scale);
    const textColor = luminance(hexToRgb(background)) < 0.45 ? "#ffffff" : "#000000";
    const underline = note === undefined ? "" : ";border-bottom:1px dotted #000000";
    const title = `${token}: ${signed(contribution, digits)}${note === undefined ? "" : ` (${note})`}`;
    return `<span style="background-color:${background};color:${textColor};padding:1px 2px;border-radius:3px${underline}" title="${escapeHtml(title)}">${escapeHtml(token)}</span>`;
  });
  return `<div style="line-height:1.9">${spans.join(" ")}</div>`;
}

/**
 * A small legend for highlighted text: five swatches from −scale to +scale
 * with their values, and what the colours mean (lesson 9).
 */
export function highlightLegendHtml(scale: number, unit = "logit", digits = digitsFor(scale)): string {
  const steps = [-1, -0.5, 0, 0.5, 1].map((f) => f * scale);
  const swatches = steps
    .map((value) => `<span style="background-color:${contributionColor(value, scale)};color:${luminance(hexToRgb(contributionColor(value, scale))) < 0.45 ? "#ffffff" : "#000000"};padding:1px 6px;border-radius:3px">${escapeHtml(signed(value, digits))}</span>`)
    .join(" ");
  return `<div style="font-size:90%">towards negative ${swatches} towards positive (${escapeHtml(unit)}; hover over a word for its number)</div>`;
}

/**
 * One explanation as HTML (lesson 9): a line with the model, its probability
 * and logit and the empty text's logit, the legend, then the highlighted
 * tokens. `scale` as in highlightedTextHtml (default: this text's largest
 * |contribution|).
 */
export function explanationHtml(explanation: Explanation, options: HighlightOptions = {}): string {
  const scale = options.scale ?? defaultScale(explanation.tokens);
  const digits = options.digits ?? digitsFor(scale);
  const how = explanation.method === "exact" ? "exact contributions" : "occlusion: the logit's drop without the word";
  const caption =
    `<div><b>${escapeHtml(explanation.model)}</b>: P(positive) = ${explanation.probability.toFixed(3)}, logit ${signed(explanation.logit, digits)} ` +
    `(empty text ${signed(explanation.emptyLogit, digits)}); ${escapeHtml(how)}</div>`;
  return `<div style="margin:6px 0">${caption}${highlightLegendHtml(scale, "logit", digits)}${highlightedTextHtml(explanation.tokens, { scale, digits })}</div>`;
}

/** Decimals that show a number of the size of `scale` with two significant digits, at least 2: 0.004 → 4 ("0.0040"). */
function digitsFor(scale: number): number {
  return Math.min(20, Math.max(2, 1 - Math.floor(Math.log10(scale))));
}

/** The largest |contribution|, or 1 when every contribution is 0 (nothing to colour). */
function defaultScale(tokens: readonly HighlightedToken[]): number {
  let largest = 0;
  for (const { contribution } of tokens) {
    requiredNumberOption("highlightedTextHtml", "every contribution", contribution, {});
    largest = Math.max(largest, Math.abs(contribution));
  }
  return largest > 0 ? largest : 1;
}

function signed(value: number, digits: number): string {
  const text = Math.abs(value).toFixed(digits);
  // −0.00 and +0.00 would both mislead: a contribution that rounds to zero is shown unsigned.
  if (Number(text) === 0) return text;
  return `${value > 0 ? "+" : "−"}${text}`;
}

function hexToRgb(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

function rgbToHex(rgb: Rgb): string {
  return `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG relative luminance, 0 (black) to 1 (white): decides black or white text. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
