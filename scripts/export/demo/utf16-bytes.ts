/**
 * Bytes as the characters of JavaScript strings in a UTF-16 file, two bytes
 * to a character: how the demo page's weights reach it (a page opened from
 * file:// can read sibling files only as scripts). Instructor tooling for
 * `npm run export`; no lesson teaches it.
 *
 * A UTF-16 file cannot hold lone surrogates (0xD800-0xDFFF): such a unit is
 * written as ESCAPE followed by the unit XOR 0x8000, and so is ESCAPE
 * itself, so the file holds 1.03 bytes per byte against 1.33 for base64.
 * Measured in Chromium 156 on this project's 2-core machine, busy with other
 * work (load 10-12), 76.5 MB of random bytes, five runs each: ready to use
 * after a median 7.7 s and 7.5 s of the browser's CPU, against 8.8 s and
 * 8.8 s for base64 strings decoded by Uint8Array.fromBase64. The price:
 * Chromium compiles a UTF-16 script on the page's thread (a UTF-8 one on
 * another), so typing pauses for a moment as each network's weights come in.
 */

/** Written first in the file: the byte order mark makes browsers read it as UTF-16LE whatever a server says. */
export const UTF16_BYTE_ORDER_MARK = "\ufeff";

const ESCAPE = 0xe000;
const FLIP = 0x8000;

function needsEscape(unit: number): boolean {
  return (unit >= 0xd800 && unit <= 0xdfff) || unit === ESCAPE;
}

/** `bytes` (of even length) as a string: unit i is bytes 2i and 2i + 1, little-endian, escaped as the module comment says. */
export function stringFromBytes(bytes: Uint8Array): string {
  if (bytes.length % 2 !== 0) throw new RangeError(`stringFromBytes: give an even number of bytes, got ${bytes.length}.`);
  const units = new Uint16Array(bytes.length);
  let length = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    const unit = bytes[i] | (bytes[i + 1] << 8);
    if (needsEscape(unit)) {
      units[length++] = ESCAPE;
      units[length++] = unit ^ FLIP;
    } else {
      units[length++] = unit;
    }
  }
  let text = "";
  // fromCharCode takes its units as arguments: a few thousand at a time stays well inside any engine's limit.
  for (let start = 0; start < length; start += 8192) text += String.fromCharCode(...units.subarray(start, Math.min(start + 8192, length)));
  return text;
}

/**
 * The bytes of a string made by stringFromBytes, into `target` from `offset`
 * (even); returns the offset after them. Writes whole units, twice as fast as
 * bytes, on a little-endian machine, as tfjs assumes too when it reads
 * weights through Float32Array views.
 */
export function bytesFromString(text: string, target: Uint8Array, offset: number): number {
  if (offset % 2 !== 0 || target.byteOffset % 2 !== 0) throw new RangeError(`bytesFromString: the offset must be even, got ${offset} (and the target's byteOffset ${target.byteOffset}).`);
  const units = new Uint16Array(target.buffer, target.byteOffset, target.length >> 1);
  let at = offset >> 1;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    units[at++] = unit === ESCAPE ? text.charCodeAt(++i) ^ FLIP : unit;
  }
  return at << 1;
}
