/**
 * How a saved model reaches the demo page: a page opened from file:// may
 * read sibling files only as scripts, so each payload is a script that pushes
 * an object onto a global array: the packed n-gram model as a JSON value,
 * a network's weights.bin as `{ id, byteLength, file }`, where `file` is a
 * function whose body is one comment holding the file's bytes in base64.
 * The page reads the comment back with Function.prototype.toString, which
 * gives a function's source text exactly, and decodes it with lib's
 * bytesFromBase64 (natively, in browsers that have Uint8Array.fromBase64).
 *
 * Why a comment: Chromium skips a comment while it compiles the script and
 * toString hands back a slice of the source, whereas every string literal is
 * copied into a new string on the page's thread. Measured in Chromium 156 on
 * this project's 2-core machine (a running browser, a new tab, 4 runs
 * each), the 66 MB of lessons 2-7's full-scale files ready as bytes after
 * 2.04-2.17 s this way, against 2.22-2.35 s as UTF-16 string literals and
 * 2.42-2.52 s as UTF-16 in a comment (both decoded by a loop in JavaScript).
 * Instructor tooling for `npm run export`; no lesson teaches it.
 */
import { base64FromBytes, bytesFromBase64 } from "../../../lib/util/base64";

/** What a payload script pushes for a file. */
export interface FilePayload {
  /** Names the payload (demo-models.js lists models by it). */
  id: string;
  byteLength: number;
  /** Its source is `function () {/*<base64 of the file>*\/}`. */
  file: () => void;
}

/**
 * The script that pushes onto `globalThis[queueGlobal]` the object whose JSON
 * text is `json` (with its `id`), and, given `bytes`, their `byteLength` and
 * `file`. JSON text rather than a value, so that a caller that already
 * serialized a large value (to hash it) does not serialize it again.
 */
export function payloadScript(queueGlobal: string, json: string, bytes?: Uint8Array): string {
  const queue = `globalThis[${JSON.stringify(queueGlobal)}]`;
  // base64 has no "*", so the comment cannot end early.
  const object = bytes === undefined ? json : `${json.slice(0, -1)}, "byteLength": ${bytes.length}, "file": function () {/*${base64FromBytes(bytes)}*/} }`;
  return `(${queue} = ${queue} || []).push(${object});\n`;
}

/** The file's bytes, in a buffer of their own. `where` names the payload in errors. */
export function payloadBytes(payload: FilePayload, where: string): Uint8Array {
  const source = Function.prototype.toString.call(payload.file);
  const start = source.indexOf("/*");
  const end = source.lastIndexOf("*/");
  if (start < 0 || end < start) throw new Error(`${where}: its payload script holds no file; export the course again.`);
  const bytes = bytesFromBase64(source.slice(start + 2, end));
  if (bytes.length !== payload.byteLength) {
    throw new Error(`${where}: its payload script holds ${bytes.length} bytes instead of ${payload.byteLength}; export the course again.`);
  }
  return bytes;
}
