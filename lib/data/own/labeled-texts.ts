/**
 * A learner's labelled texts, from a CSV file or from a folder of class
 * subfolders, checked row by row (lesson 8, "Your own data").
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type CsvOptions, readCsv, readUtf8File } from "./csv";

export type SplitName = "train" | "test";

/** One example as read, before labels become numbers. */
export interface LabeledText {
  text: string;
  /** The class name, as written in the source. */
  label: string;
  /** The split the source puts it in, when it says. */
  split?: SplitName;
  /** Where it came from, for messages: "reviews.csv line 12" or a file path. */
  origin: string;
}

export interface CsvColumns extends CsvOptions {
  /** Column holding the text; default "text". */
  textColumn?: string;
  /** Column holding the class name; default "label". */
  labelColumn?: string;
  /** Column holding "train" or "test"; default "split" when the file has such a column, else none. */
  splitColumn?: string;
}

/**
 * The rows of a CSV file as labelled texts. Throws, naming the file and line,
 * when a column is missing (listing the columns found), a text or label is
 * empty, or a split is neither "train" nor "test".
 */
export function readCsvTexts(file: string, options: CsvColumns = {}): LabeledText[] {
  const table = readCsv(file, options);
  const columnOf = (option: string, name: string, required: boolean): number | undefined => {
    const at = table.columns.indexOf(name);
    if (at < 0 && required) {
      throw new Error(
        `${file} has no column "${name}" (option ${option}). Columns found: ${table.columns.map((c) => `"${c}"`).join(", ")}. ` +
          `Pass ${option}: "<one of them>" or rename the column${options.header === false ? " (the file is read without a header row: header: false)" : ""}.`,
      );
    }
    return at < 0 ? undefined : at;
  };
  const textAt = columnOf("textColumn", options.textColumn ?? "text", true)!;
  const labelAt = columnOf("labelColumn", options.labelColumn ?? "label", true)!;
  const splitAt = columnOf("splitColumn", options.splitColumn ?? "split", options.splitColumn !== undefined);
  const name = path.basename(file);
  return table.rows.map((fields, i) => {
    const origin = `${name} line ${table.lines[i]}`;
    const where = `${file} line ${table.lines[i]}`;
    const text = fields[textAt];
    const label = fields[labelAt].trim();
    if (text.trim() === "") throw new Error(`${where}: the text (column "${table.columns[textAt]}") is empty. Fill it in or remove the row.`);
    if (label === "") throw new Error(`${where}: the label (column "${table.columns[labelAt]}") is missing. Every row needs its class name; fill it in or remove the row.`);
    if (splitAt === undefined) return { text, label, origin };
    const split = fields[splitAt].trim();
    if (split !== "train" && split !== "test") {
      throw new Error(`${where}: the split (column "${table.columns[splitAt]}") is ${JSON.stringify(split)}; it must be "train" or "test" on every row.`);
    }
    return { text, label, split, origin };
  });
}

const TRAIN_TEST: readonly SplitName[] = ["train", "test"];

/**
 * The .txt files of a folder with one subfolder per class (Keras'
 * `text_dataset_from_directory` convention: `reviews/pos/1.txt`,
 * `reviews/neg/2.txt`; files in nested folders count for their class), or of
 * a folder holding `train/` and `test/`, each laid out so (as aclImdb is).
 * `classNames` restricts which subfolders are read; others are ignored.
 * Throws, naming the folder or file, when there are no class subfolders, a
 * class has no .txt file, or a file is empty or not UTF-8.
 */
export function readFolderTexts(folder: string, classNames?: readonly string[]): LabeledText[] {
  const subfolders = subfoldersOf(folder);
  if (TRAIN_TEST.every((split) => subfolders.includes(split))) {
    return TRAIN_TEST.flatMap((split) => readClassFolders(path.join(folder, split), classNames, split));
  }
  return readClassFolders(folder, classNames, undefined);
}

function readClassFolders(folder: string, classNames: readonly string[] | undefined, split: SplitName | undefined): LabeledText[] {
  const subfolders = subfoldersOf(folder);
  if (subfolders.length === 0) {
    throw new Error(
      `${folder} has no class subfolders. Put each class's .txt files in a subfolder named after the class ` +
        `(${path.join(folder, "pos", "1.txt")}, ${path.join(folder, "neg", "2.txt")}, …), or give a CSV file instead.`,
    );
  }
  const classes = classNames ?? subfolders;
  return classes.flatMap((label) => {
    const classFolder = path.join(folder, label);
    if (!subfolders.includes(label)) {
      throw new Error(`The class "${label}" (option classNames) has no examples: ${folder} has no subfolder "${label}". Subfolders found: ${subfolders.join(", ")}.`);
    }
    const files = textFilesUnder(classFolder);
    if (files.length === 0) throw new Error(`The class "${label}" has no examples: ${classFolder} holds no .txt file. Add its texts as .txt files, or remove the folder.`);
    return files.map((file) => {
      const text = readUtf8File(file);
      if (text.trim() === "") throw new Error(`${file} is empty. Every .txt file is one example: fill it in or delete it.`);
      return split === undefined ? { text, label, origin: file } : { text, label, split, origin: file };
    });
  });
}

/** Visible subfolders, sorted (Keras sorts class names alphanumerically). */
function subfoldersOf(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
}

function textFilesUnder(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true, encoding: "utf8" }) as string[])
    .filter((name) => name.endsWith(".txt") && !name.split(path.sep).some((part) => part.startsWith(".")))
    .map((name) => path.join(folder, name))
    .filter((file) => fs.statSync(file).isFile())
    .sort();
}
