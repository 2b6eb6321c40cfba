/**
 * Reading a CSV file of texts into rows of strings, with errors that name the
 * file and line (lesson 8, "Your own data"). Parsing is papaparse's (the
 * parser danfojs uses): quoted fields with delimiters, quotes and line breaks,
 * CRLF or LF line ends. This module adds what a learner's file needs around
 * it: UTF-8 and BOM handling, a header, and one field count for every row.
 */
import * as fs from "node:fs";
import Papa from "papaparse";

export interface CsvOptions {
  /** The field separator, one character; default ",". */
  delimiter?: string;
  /** Whether the first row names the columns; default true. Without one, columns are called column1, column2, … */
  header?: boolean;
}

export interface CsvTable {
  file: string;
  /** Column names: the header row's, or column1, column2, … */
  columns: string[];
  /** One array of fields per data row, as many fields as columns. */
  rows: string[][];
  /** The line of the file where each row starts (1 = first line), for error messages. */
  lines: number[];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const REPLACEMENT_BYTES = Buffer.from([0xef, 0xbf, 0xbd]);

/** The file's text, checked to be UTF-8; a byte order mark is removed. */
export function readUtf8File(file: string): string {
  let bytes = fs.readFileSync(file);
  if (bytes.subarray(0, 3).equals(UTF8_BOM)) bytes = bytes.subarray(3);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`${file} is not UTF-8 text${badByteLine(bytes)}. Save it with the encoding UTF-8 (in a spreadsheet: "CSV UTF-8"; in an editor: "Save with encoding… UTF-8") and load it again.`);
  }
}

/** " (line N has a byte that is not UTF-8)", found where lenient decoding put its first U+FFFD. */
function badByteLine(bytes: Buffer): string {
  if (bytes.includes(REPLACEMENT_BYTES)) return ""; // a genuine U+FFFD would be mistaken for the bad byte
  const text = bytes.toString("utf8");
  const at = text.indexOf("\uFFFD");
  return at < 0 ? "" : ` (line ${lineAt(text, at)} has a byte that is not UTF-8)`;
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Reads `file` as CSV. Throws, naming the file and line, when the file is not
 * UTF-8, is empty, has a header but no rows, has an unclosed quote, or has a
 * row with more or fewer fields than the header. Blank lines are skipped.
 */
export function readCsv(file: string, options: CsvOptions = {}): CsvTable {
  const delimiter = options.delimiter ?? ",";
  const header = options.header ?? true;
  if (typeof delimiter !== "string" || [...delimiter].length !== 1 || delimiter === '"' || delimiter === "\n" || delimiter === "\r") {
    throw new RangeError(`readCsv: delimiter must be one character other than a quote or a line break, such as "," ";" or "\\t", got ${JSON.stringify(delimiter)}.`);
  }
  const text = readUtf8File(file);
  if (text.trim() === "") throw new Error(`${file} is empty: a CSV needs ${header ? "a header row naming its columns, then " : ""}one row per example.`);

  const parsed = Papa.parse<string[]>(text, { delimiter, header: false, dynamicTyping: false, skipEmptyLines: false });
  const rows: string[][] = [];
  const lines: number[] = [];
  const errorRow = parsed.errors[0]?.row;
  let line = 1;
  parsed.data.forEach((fields, i) => {
    if (i === errorRow) {
      const error = parsed.errors[0];
      const what = error.code === "MissingQuotes" ? "a quoted field is never closed" : error.message.replace(/\.$/, "");
      throw new Error(`${file} line ${line}: ${what}. A field that holds the delimiter, a quote or a line break must be in double quotes, with each quote inside it doubled ("").`);
    }
    // A blank line is one empty field: skipped, but counted.
    if (fields.length > 1 || fields[0] !== "") {
      rows.push(fields);
      lines.push(line);
    }
    line += 1;
    for (const field of fields) for (let at = field.indexOf("\n"); at >= 0; at = field.indexOf("\n", at + 1)) line++;
  });

  const columns = header ? (rows.shift() ?? []).map((name) => name.trim()) : (rows[0] ?? []).map((_, i) => `column${i + 1}`);
  const headerLine = header ? lines.shift() : undefined;
  if (header && rows.length === 0) throw new Error(`${file} has a header row (line ${headerLine}) but no rows below it: add one row per example.`);
  rows.forEach((fields, i) => {
    if (fields.length !== columns.length) {
      throw new Error(
        `${file} line ${lines[i]}: ${fields.length} field${fields.length === 1 ? "" : "s"}, but the ${header ? "header has" : "first row has"} ${columns.length} (${columns.join(", ")}). ` +
          `Check for a delimiter ("${delimiter}") inside an unquoted field: put such a field in double quotes.`,
      );
    }
  });
  return { file, columns, rows, lines };
}
