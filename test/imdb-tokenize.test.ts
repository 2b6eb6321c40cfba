import { describe, expect, it } from "vitest";
import { tokenize } from "../lib/index";

describe("tokenize", () => {
  it("lowercases and splits on everything but letters, digits and apostrophes", () => {
    expect(tokenize("This movie was GREAT, wasn't it? 10/10!")).toEqual(["this", "movie", "was", "great", "wasn't", "it", "10", "10"]);
  });

  it("treats HTML line breaks as spaces, in any spelling", () => {
    expect(tokenize("end.<br /><br />Next<BR>line<br/>x")).toEqual(["end", "next", "line", "x"]);
  });

  it("removes apostrophes at the edges of a word and drops lone ones", () => {
    expect(tokenize("'Tis the actors' 'best' film ' ''")).toEqual(["tis", "the", "actors", "best", "film"]);
  });

  it("splits at hyphens, dots, slashes and the typographic apostrophe", () => {
    expect(tokenize("well-made 3.5 don’t")).toEqual(["well", "made", "3", "5", "don", "t"]);
  });

  it("keeps accented letters, other scripts and digits inside words", () => {
    expect(tokenize("Café naïve Amélie 1950s Ñandú Москва")).toEqual(["café", "naïve", "amélie", "1950s", "ñandú", "москва"]);
  });

  it("keeps decomposed accents (combining marks) inside the word", () => {
    expect(tokenize("Cafe\u0301!")).toEqual(["cafe\u0301"]);
  });

  it("treats characters outside the Basic Multilingual Plane by their class: emoji separate, letters join", () => {
    expect(tokenize("fun😀times 𝐀b")).toEqual(["fun", "times", "𝐀b"]);
  });

  it("returns nothing for text without words", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize(" -- !!! <br /> ")).toEqual([]);
  });

  describe("with punctuation: true", () => {
    it("also emits each punctuation mark and symbol as its own token, in place", () => {
      expect(tokenize("Great!! Was it (really) $5?", { punctuation: true })).toEqual([
        "great", "!", "!", "was", "it", "(", "really", ")", "$", "5", "?",
      ]);
    });

    it("emits edge apostrophes as tokens and keeps inner ones in the word", () => {
      expect(tokenize("'Don't' '", { punctuation: true })).toEqual(["'", "don't", "'", "'"]);
    });

    it("still treats <br /> as a space, not as marks", () => {
      expect(tokenize("a<br />b", { punctuation: true })).toEqual(["a", "b"]);
    });

    it("gives the same words as the default once the marks are removed", () => {
      const text = "It's a \"must-see\"... or is it?! 7/10, (maybe) 'classic'.";
      const words = tokenize(text, { punctuation: true }).filter((t) => /[\p{L}\p{N}]/u.test(t));
      expect(words).toEqual(tokenize(text));
    });
  });

  it("rejects a non-string text and unknown options", () => {
    expect(() => tokenize(undefined as unknown as string)).toThrow("tokenize: text must be a string, got undefined.");
    expect(() => tokenize("a", { punctuations: true } as never)).toThrow('unknown option "punctuations"');
  });
});
