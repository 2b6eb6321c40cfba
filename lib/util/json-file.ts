/** Reading a JSON file the course wrote, with errors that say what to do. */
import * as fs from "node:fs";
import { errorMessage, isErrnoException } from "./errors";

/**
 * The parsed content of `file`. A missing file, or text that is not JSON
 * (cut short by a full disk, or edited by hand), gives an error naming the
 * file and ending with `remedy`.
 */
export function readJsonFile(file: string, remedy: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = isErrnoException(error, "ENOENT") ? "it does not exist" : errorMessage(error);
    throw new Error(`${file} cannot be read: ${reason}. ${remedy}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${errorMessage(error)}): it was cut short or edited by hand. ${remedy}`);
  }
}
