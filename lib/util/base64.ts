/**
 * Bytes to base64 and back, in Node and in browsers: model files use it
 * (lib/models/ngrams/model-json.ts), and so does the exported demo page that reads
 * them in the browser. Node's Buffer is much faster than btoa and atob (both
 * exist in Node 16+ too), so it is used where it exists; in a browser,
 * Uint8Array.fromBase64 (Chromium 140+, Firefox 133+, Safari 18.2+) decodes
 * the demo's 20 MB files natively, and older browsers fall back to atob.
 */

/** Uint8Array, with fromBase64 where the JavaScript engine has it (TypeScript's lib does not describe it yet). */
const Uint8ArrayWithBase64 = Uint8Array as typeof Uint8Array & { fromBase64?: (text: string) => Uint8Array };

export function base64FromBytes(bytes: Uint8Array): string {
  if (typeof Buffer !== "undefined") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

/** The bytes of a typed array (little-endian on every machine the course runs on), in base64. */
export function base64FromArray(values: Int32Array | Float32Array | Uint8Array): string {
  return base64FromBytes(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
}

/** Always a fresh buffer, so that its offset is 0 and any typed array may view it. */
export function bytesFromBase64(text: string): Uint8Array {
  if (typeof Buffer !== "undefined") return new Uint8Array(Buffer.from(text, "base64"));
  if (Uint8ArrayWithBase64.fromBase64 !== undefined) return Uint8ArrayWithBase64.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
