/**
 * loadTextDataset on small CSV files and folders written here, against
 * sequences and splits worked out by hand, and every bad input it must name.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTextDataset, sortClassNames, type TextDataset } from "../lib/index";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "text-dataset-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

let counter = 0;
function csvFile(content: string | Buffer): string {
  const file = path.join(root, `data-${++counter}.csv`);
  fs.writeFileSync(file, content);
  return file;
}
function folder(files: Record<string, string | Buffer>): string {
  const dir = path.join(root, `folder-${++counter}`);
  fs.mkdirSync(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}
const byText = (data: TextDataset, split: "train" | "test") =>
  Object.fromEntries(data[split].texts.map((text, i) => [text, { x: Array.from(data[split].x[i]), y: data[split].y[i] }]));

// Training texts (split column): "good good film", "bad film", "good fun". Counts: good 3, film 2, bad 1, fun 1
// → ranks good 1, film 2, bad 3, fun 4 (ties alphabetical); index = rank + 3. "awful" is seen only in test → OOV 2.
const SPLIT_CSV = [
  "text,label,split",
  "good good film,pos,train",
  "bad film,neg,train",
  "good fun,pos,train",
  "awful film,neg,test",
].join("\n");

describe("loadTextDataset on a CSV file", () => {
  it("ranks words over the training rows only and encodes with loadData's rules", async () => {
    const data = await loadTextDataset(csvFile(SPLIT_CSV));
    expect(data.classNames).toEqual(["neg", "pos"]);
    expect(Object.fromEntries(data.wordIndex)).toEqual({ good: 1, film: 2, bad: 3, fun: 4 });
    // Default numWords: the largest index present (fun, 7), which is itself cut, as in Keras.
    expect(data.numWords).toBe(7);
    expect(byText(data, "train")).toEqual({
      "good good film": { x: [1, 4, 4, 5], y: 1 },
      "bad film": { x: [1, 6, 5], y: 0 },
      "good fun": { x: [1, 4, 2], y: 1 },
    });
    expect(byText(data, "test")).toEqual({ "awful film": { x: [1, 2, 5], y: 0 } });
    expect(Array.from(data.encode("Good, BAD, zebra!"))).toEqual([1, 4, 6, 2]);
  });

  it("honours numWords, skipTop and maxlen as loadData does", async () => {
    const data = await loadTextDataset(csvFile(SPLIT_CSV), { numWords: 6, skipTop: 5, maxlen: 4 });
    // Kept: sequences shorter than 4 (start included): "bad film", "good fun" and the test row.
    // Cut: indices outside [5, 6) become 2, the start index 1 included.
    expect(byText(data, "train")).toEqual({ "bad film": { x: [2, 2, 5], y: 0 }, "good fun": { x: [2, 2, 2], y: 1 } });
    expect(byText(data, "test")).toEqual({ "awful film": { x: [2, 2, 5], y: 0 } });
  });

  it("reads quoted commas and line breaks, doubled quotes, a BOM, CRLF, another delimiter and column names", async () => {
    const content = '\uFEFFreview;stars\r\n"Great; really\r\ngreat";10\r\n"He said ""meh""";3\r\n\r\nfine;3\r\n';
    const data = await loadTextDataset(csvFile(content), { delimiter: ";", textColumn: "review", labelColumn: "stars", testFraction: 0.4, seed: 1 });
    expect(data.classNames).toEqual(["3", "10"]);
    const all = [...data.train.texts, ...data.test.texts].sort();
    expect(all).toEqual(['He said "meh"', "Great; really\r\ngreat", "fine"].sort());
    expect([...data.train.origins, ...data.test.origins].map((o) => o.replace(/^data-\d+\.csv /, "")).sort()).toEqual(["line 2", "line 4", "line 6"]);
  });

  it("reads a file without a header by column position", async () => {
    const data = await loadTextDataset(csvFile("nice,1\nawful,0\ngreat,1\nbad,0\n"), { header: false, textColumn: "column1", labelColumn: "column2", testFraction: 0.5 });
    expect(data.classNames).toEqual(["0", "1"]);
    expect(data.train.x).toHaveLength(2);
    expect(data.test.x).toHaveLength(2);
    expect(data.train.y.sort()).toEqual([0, 1]);
  });

  it("splits each class by testFraction with the seed: same seed, same split", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `text number ${i},${i % 4 === 0 ? "a" : "b"}`);
    const file = csvFile(["text,label", ...rows].join("\n"));
    const first = await loadTextDataset(file, { seed: 7 });
    // 5 of class a, 15 of class b: round(0.2 × 5) = 1 and round(0.2 × 15) = 3 held out.
    expect(first.test.y.filter((y) => y === 0)).toHaveLength(1);
    expect(first.test.y.filter((y) => y === 1)).toHaveLength(3);
    expect((await loadTextDataset(file, { seed: 7 })).test.texts).toEqual(first.test.texts);
    expect((await loadTextDataset(file, { seed: 8 })).test.texts).not.toEqual(first.test.texts);
  });

  it("numbers classes in the order classNames gives", async () => {
    const data = await loadTextDataset(csvFile(SPLIT_CSV), { classNames: ["pos", "neg"] });
    expect(byText(data, "test")["awful film"].y).toBe(1);
  });
});

describe("loadTextDataset on a folder", () => {
  it("takes class names from the subfolders (sorted) and reads .txt files only, nested ones included", async () => {
    const dir = folder({
      "pos/1.txt": "good", "pos/2.txt": "great", "pos/more/3.txt": "fine", "pos/notes.md": "ignored",
      "neg/1.txt": "bad", "neg/2.txt": "awful", "neg/3.txt": "poor", ".hidden/x.txt": "skipped",
    });
    const data = await loadTextDataset(dir, { testFraction: 0.34 });
    expect(data.classNames).toEqual(["neg", "pos"]);
    const texts = [...data.train.texts, ...data.test.texts].sort();
    expect(texts).toEqual(["awful", "bad", "fine", "good", "great", "poor"]);
    expect(data.test.x).toHaveLength(2); // round(0.34 × 3) = 1 per class
  });

  it("uses train/ and test/ folders as the split, and classNames to pick subfolders (aclImdb's layout)", async () => {
    const dir = folder({
      "train/pos/0_9.txt": "good film", "train/neg/0_2.txt": "bad film", "train/unsup/0_0.txt": "no label",
      "test/pos/0_8.txt": "good", "test/neg/0_1.txt": "bad",
    });
    const data = await loadTextDataset(dir, { classNames: ["neg", "pos"] });
    // Ranks over train: film 1, bad 2, good 3 (ties alphabetical); indices 4, 5, 6; 6 is the largest, so cut.
    expect(byText(data, "train")).toEqual({ "good film": { x: [1, 2, 4], y: 1 }, "bad film": { x: [1, 5, 4], y: 0 } });
    expect(data.test.texts.sort()).toEqual(["bad", "good"]);
  });
});

describe("loadTextDataset errors name the file, the line and the fix", () => {
  it.each([
    ["a missing text column, listing the columns", "review,label\nnice,pos\nbad,neg\n", {}, /data-\d+\.csv has no column "text" \(option textColumn\)\. Columns found: "review", "label"\. Pass textColumn/],
    ["a missing label column", "text,sentiment\nnice,pos\n", {}, /has no column "label" \(option labelColumn\)\. Columns found: "text", "sentiment"/],
    ["an empty text", "text,label\nnice,pos\n  ,neg\n", {}, /data-\d+\.csv line 3: the text \(column "text"\) is empty\. Fill it in or remove the row\./],
    ["a missing label", "text,label\nnice,pos\nbad,\n", {}, /line 3: the label \(column "label"\) is missing/],
    ["an unknown label", "text,label\nnice,pos\nbad,negative\n", { classNames: ["neg", "pos"] }, /data-\d+\.csv line 3: unknown label "negative"; the classes are neg, pos \(option classNames\)/],
    ["a class without examples", "text,label\nnice,pos\ngreat,pos\n", { classNames: ["neg", "pos"] }, /the class "neg" has no training examples\. Add examples of it, or remove it from classNames/],
    ["a single class", "text,label\nnice,pos\ngreat,pos\n", {}, /has only one class \("pos"\); a classifier needs examples of at least two classes/],
    ["an empty file", "", {}, /data-\d+\.csv is empty: a CSV needs a header row/],
    ["a header without rows", "text,label\n", {}, /has a header row \(line 1\) but no rows below it/],
    ["an unclosed quote", 'text,label\nnice,pos\n"bad,neg\n', {}, /line 3: a quoted field is never closed/],
    ["a row with too many fields", "text,label\nnice,pos\nbad, really bad,neg\n", {}, /line 3: 3 fields, but the header has 2 \(text, label\)\. Check for a delimiter/],
    ["a split that is not train or test", "text,label,split\nnice,pos,train\nbad,neg,dev\n", {}, /line 3: the split \(column "split"\) is "dev"; it must be "train" or "test"/],
  ])("%s", async (_, content, options, message) => {
    await expect(loadTextDataset(csvFile(content), options)).rejects.toThrow(message);
  });

  it("a file that is not UTF-8, with the line of the first bad byte", async () => {
    const latin1 = Buffer.concat([Buffer.from("text,label\nnice,pos\ncaf"), Buffer.from([0xe9]), Buffer.from(",neg\n")]);
    await expect(loadTextDataset(csvFile(latin1))).rejects.toThrow(/data-\d+\.csv is not UTF-8 text \(line 3 has a byte that is not UTF-8\)\. Save it with the encoding UTF-8/);
  });

  it("a folder without class subfolders", async () => {
    const dir = folder({ "1.txt": "good", "2.txt": "bad" });
    await expect(loadTextDataset(dir)).rejects.toThrow(new RegExp(`${dir} has no class subfolders\\. Put each class's \\.txt files in a subfolder named after the class`));
  });

  it("a class folder without .txt files, an empty file, a file that is not UTF-8", async () => {
    await expect(loadTextDataset(folder({ "pos/1.txt": "good", "neg/readme.md": "x" }))).rejects.toThrow(/The class "neg" has no examples: .*neg holds no \.txt file/);
    await expect(loadTextDataset(folder({ "pos/1.txt": "good", "neg/1.txt": " \n" }))).rejects.toThrow(/neg\/1\.txt is empty\. Every \.txt file is one example/);
    await expect(loadTextDataset(folder({ "pos/1.txt": "good", "neg/1.txt": Buffer.from([0x61, 0xff]) }))).rejects.toThrow(/neg\/1\.txt is not UTF-8 text \(line 1/);
  });

  it("a source that does not exist, and bad options", async () => {
    await expect(loadTextDataset(path.join(root, "nowhere.csv"))).rejects.toThrow(/nowhere\.csv does not exist\. Give the path of a CSV file or of a folder/);
    await expect(loadTextDataset(csvFile(SPLIT_CSV), { testFraction: 1 })).rejects.toThrow("testFraction must be a number > 0 and < 1 (the share of each class held out for testing, such as 0.2), got 1.");
    await expect(loadTextDataset(csvFile(SPLIT_CSV), { textColum: "x" } as never)).rejects.toThrow('unknown option "textColum"');
  });
});

describe("sortClassNames", () => {
  it("sorts numbers numerically and other names by code unit", () => {
    expect(sortClassNames(["10", "2", "1"])).toEqual(["1", "2", "10"]);
    expect(sortClassNames(["pos", "neg", "Neutral"])).toEqual(["Neutral", "neg", "pos"]);
  });
});
