import { describe, expect, it } from "vitest";
import type { Explanation } from "../lib/analysis/explain";
import { HIGHLIGHT_NEGATIVE_COLOR, HIGHLIGHT_POSITIVE_COLOR, contributionColor, explanationHtml, highlightLegendHtml, highlightedTextHtml } from "../lib/analysis/highlight";

describe("contributionColor", () => {
  it("goes from white at 0 to the end colours at ±scale, linearly, capped beyond", () => {
    expect(contributionColor(0, 1)).toBe("#ffffff");
    expect(contributionColor(2, 2)).toBe(HIGHLIGHT_POSITIVE_COLOR);
    expect(contributionColor(-5, 1)).toBe(HIGHLIGHT_NEGATIVE_COLOR);
    // Half way to #2166ac: 255 + (33 − 255) / 2 = 144 (0x90), 255 + (102 − 255) / 2 = 178.5 → 179 (0xb3), 255 + (172 − 255) / 2 = 213.5 → 214 (0xd6).
    expect(contributionColor(0.5, 1)).toBe("#90b3d6");
    // A quarter of the way to #d95f02: 255 − 38 / 4 = 245.5 → 246 (0xf6), 255 − 160 / 4 = 215 (0xd7), 255 − 253 / 4 = 191.75 → 192 (0xc0).
    expect(contributionColor(-0.25, 1)).toBe("#f6d7c0");
  });

  it("rejects a scale that is not positive and a contribution that is not finite", () => {
    expect(() => contributionColor(1, 0)).toThrow("contributionColor: scale must be a number > 0, got 0.");
    expect(() => contributionColor(NaN, 1)).toThrow("contributionColor: contribution must be a finite number, got NaN.");
  });
});

describe("highlightedTextHtml", () => {
  const html = highlightedTextHtml([
    { token: "not", contribution: -0.5 },
    { token: "<good>", contribution: 1 },
    { token: "zorblax", contribution: 0, note: "unknown to the model" },
  ]);

  it("colours each token on a scale set by the largest contribution, with its number on hover", () => {
    expect(html).toContain(`background-color:${HIGHLIGHT_POSITIVE_COLOR};color:#ffffff`);
    expect(html).toContain(`background-color:${contributionColor(-0.5, 1)};color:#000000`);
    expect(html).toContain('title="not: −0.50"');
    expect(html).toContain('title="&lt;good&gt;: +1.00"');
    expect(html).toContain('title="zorblax: 0.00 (unknown to the model)"');
    expect(html).toContain("border-bottom:1px dotted #000000");
  });

  it("escapes the tokens and uses only spans and divs with inline styles and titles: nothing a sanitiser removes", () => {
    expect(html).toContain(">&lt;good&gt;</span>");
    const tags = [...html.matchAll(/<\/?([a-z]+)([^>]*)>/g)];
    expect(new Set(tags.map((t) => t[1]))).toEqual(new Set(["div", "span"]));
    for (const [, , attributes] of tags) {
      const names = [...attributes.matchAll(/([a-z-]+)="/g)].map((m) => m[1]);
      expect(names.every((name) => name === "style" || name === "title")).toBe(true);
    }
  });

  it("takes a shared scale, so that several texts compare", () => {
    const shared = highlightedTextHtml([{ token: "good", contribution: 1 }], { scale: 2 });
    expect(shared).toContain(`background-color:${contributionColor(1, 2)}`);
  });

  it("shows two significant digits of small contributions", () => {
    const small = highlightedTextHtml([{ token: "bad", contribution: -0.004 }, { token: "fine", contribution: 0.0011 }]);
    expect(small).toContain('title="bad: −0.0040"');
    expect(small).toContain('title="fine: +0.0011"');
    expect(highlightLegendHtml(0.004)).toContain(">+0.0020</span>");
  });

  it("the legend shows the scale's five steps", () => {
    const legend = highlightLegendHtml(2);
    for (const value of ["−2.00", "−1.00", "0.00", "+1.00", "+2.00"]) expect(legend).toContain(`>${value}</span>`);
    expect(legend).toContain("logit");
  });
});

describe("explanationHtml", () => {
  it("says the model, probability, logits and method, with the legend and text on one scale", () => {
    const explanation: Explanation = {
      model: "lstm", text: "Not good", method: "occlusion", probability: 0.25, logit: Math.log(1 / 3), emptyLogit: 0.5,
      tokens: [{ token: "not", contribution: -0.5 }, { token: "good", contribution: 0.25 }],
    };
    const html = explanationHtml(explanation);
    expect(html).toContain("<b>lstm</b>: P(positive) = 0.250, logit −1.10 (empty text +0.50); occlusion: the logit's drop without the word");
    // Scale 0.5: "not" gets the full orange, the legend runs from −0.50 to +0.50.
    expect(html).toContain(`background-color:${HIGHLIGHT_NEGATIVE_COLOR};color:#ffffff;padding:1px 2px`);
    expect(html).toContain(">+0.50</span>");
    expect(explanationHtml(explanation, { scale: 1 })).toContain(">+1.00</span>");
  });
});
