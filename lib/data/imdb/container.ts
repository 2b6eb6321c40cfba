/**
 * A small binary file format for the cache: named sections, each with its own
 * sha256, behind a header that has its own sha256 and states the file's exact
 * length, so a truncated, corrupted or outdated file is always detected.
 *
 * Layout (little-endian):
 *   magic (8 bytes) | version u32 | header length u32 | section count u32 |
 *   per section: name (24 bytes, UTF-8, zero-padded) | offset f64 | length f64 | sha256 (32 bytes) |
 *   sha256 of all the header bytes before it (32 bytes) | sections, each starting at a multiple of 8.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import { writeFileAtomic } from "../../util/files";
import { isErrnoException } from "../../util/errors";

const NAME_BYTES = 24;
const ENTRY_BYTES = NAME_BYTES + 8 + 8 + 32;
const FIXED_BYTES = 8 + 4 + 4 + 4;
const HASH_BYTES = 32;
const MAX_SECTIONS = 64;

/** The file exists but cannot be used: it is to be rebuilt. */
export class InvalidContainerError extends Error {}

interface SectionEntry {
  offset: number;
  length: number;
  sha256: Buffer;
}

function assertLittleEndian(): void {
  if (os.endianness() !== "LE") throw new Error("The IMDB cache format is little-endian; this machine is big-endian.");
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function sha256(data: Uint8Array): Buffer {
  return crypto.createHash("sha256").update(data).digest();
}

/** Writes `sections` (in the given order; a section may be given in pieces) to `file` atomically. */
export function writeContainer(
  file: string, magic: string, version: number, sections: Record<string, ArrayBufferView | readonly ArrayBufferView[]>,
): void {
  assertLittleEndian();
  const names = Object.keys(sections);
  const headerLength = FIXED_BYTES + names.length * ENTRY_BYTES + HASH_BYTES;
  const header = Buffer.alloc(headerLength);
  header.write(magic, 0, 8, "latin1");
  header.writeUInt32LE(version, 8);
  header.writeUInt32LE(headerLength, 12);
  header.writeUInt32LE(names.length, 16);
  const chunks: Uint8Array[] = [header];
  let offset = headerLength;
  names.forEach((name, i) => {
    const padding = (8 - (offset % 8)) % 8;
    if (padding > 0) chunks.push(new Uint8Array(padding));
    offset += padding;
    const given = sections[name];
    const pieces = (Array.isArray(given) ? given : [given]).map(bytesOf);
    const hash = crypto.createHash("sha256");
    let length = 0;
    for (const piece of pieces) {
      hash.update(piece);
      chunks.push(piece);
      length += piece.byteLength;
    }
    const at = FIXED_BYTES + i * ENTRY_BYTES;
    if (Buffer.byteLength(name) > NAME_BYTES) throw new Error(`Section name too long: ${name}`);
    header.write(name, at, NAME_BYTES, "utf8");
    header.writeDoubleLE(offset, at + NAME_BYTES);
    header.writeDoubleLE(length, at + NAME_BYTES + 8);
    hash.digest().copy(header, at + NAME_BYTES + 16);
    offset += length;
  });
  sha256(header.subarray(0, headerLength - HASH_BYTES)).copy(header, headerLength - HASH_BYTES);
  writeFileAtomic(file, chunks);
}

/**
 * An open container whose header was checked (magic, version, header sha256,
 * exact file length). Each section's sha256 is checked when it is read.
 */
export class ContainerReader {
  private constructor(
    private readonly file: string,
    private readonly fd: number,
    private readonly sections: Map<string, SectionEntry>,
    /** The header's sha256 (hex): it covers every section's sha256, so it identifies the content. */
    readonly contentId: string,
  ) {}

  /** Throws InvalidContainerError when the file is missing or unusable. */
  static open(file: string, magic: string, version: number): ContainerReader {
    assertLittleEndian();
    let fd: number;
    try {
      fd = fs.openSync(file, "r");
    } catch (error) {
      if (isErrnoException(error, "ENOENT")) throw new InvalidContainerError(`${file} does not exist yet`);
      throw error;
    }
    try {
      const { sections, contentId } = readHeader(file, fd, magic, version);
      return new ContainerReader(file, fd, sections, contentId);
    } catch (error) {
      fs.closeSync(fd);
      throw error;
    }
  }

  /** The section's bytes, in a buffer of its own (so typed views are aligned). */
  bytes(name: string): Buffer {
    const entry = this.sections.get(name);
    if (entry === undefined) throw new InvalidContainerError(`${this.file} has no section "${name}"`);
    const data = Buffer.allocUnsafeSlow(entry.length);
    let done = 0;
    while (done < entry.length) {
      const read = fs.readSync(this.fd, data, done, entry.length - done, entry.offset + done);
      if (read === 0) throw new InvalidContainerError(`${this.file} ends inside section "${name}"`);
      done += read;
    }
    if (!sha256(data).equals(entry.sha256)) throw new InvalidContainerError(`${this.file}: section "${name}" fails its checksum`);
    return data;
  }

  int32(name: string): Int32Array {
    const data = this.bytes(name);
    if (data.byteLength % 4 !== 0) throw new InvalidContainerError(`${this.file}: section "${name}" is not a whole number of int32`);
    return new Int32Array(data.buffer, data.byteOffset, data.byteLength / 4);
  }

  uint8(name: string): Uint8Array {
    const data = this.bytes(name);
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  }

  text(name: string): string {
    return this.bytes(name).toString("utf8");
  }

  /** Reads every section once, so that all checksums are verified. */
  verifyAll(): void {
    for (const name of this.sections.keys()) this.bytes(name);
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

function readHeader(file: string, fd: number, magic: string, version: number): { sections: Map<string, SectionEntry>; contentId: string } {
  const size = fs.fstatSync(fd).size;
  const fixed = Buffer.alloc(FIXED_BYTES);
  if (fs.readSync(fd, fixed, 0, FIXED_BYTES, 0) < FIXED_BYTES) throw new InvalidContainerError(`${file} is shorter than its header`);
  if (fixed.toString("latin1", 0, 8) !== magic) throw new InvalidContainerError(`${file} is not a ${magic} file`);
  const fileVersion = fixed.readUInt32LE(8);
  if (fileVersion !== version) throw new InvalidContainerError(`${file} has format version ${fileVersion}, this library reads version ${version}`);
  const headerLength = fixed.readUInt32LE(12);
  const count = fixed.readUInt32LE(16);
  if (count > MAX_SECTIONS || headerLength !== FIXED_BYTES + count * ENTRY_BYTES + HASH_BYTES || headerLength > size) {
    throw new InvalidContainerError(`${file} has a damaged header`);
  }
  const header = Buffer.alloc(headerLength);
  fs.readSync(fd, header, 0, headerLength, 0);
  const expected = header.subarray(headerLength - HASH_BYTES);
  if (!sha256(header.subarray(0, headerLength - HASH_BYTES)).equals(expected)) throw new InvalidContainerError(`${file} fails its header checksum`);
  const sections = new Map<string, SectionEntry>();
  let end = headerLength;
  for (let i = 0; i < count; i++) {
    const at = FIXED_BYTES + i * ENTRY_BYTES;
    const name = header.toString("utf8", at, at + NAME_BYTES).replace(/\0+$/, "");
    const offset = header.readDoubleLE(at + NAME_BYTES);
    const length = header.readDoubleLE(at + NAME_BYTES + 8);
    sections.set(name, { offset, length, sha256: Buffer.from(header.subarray(at + NAME_BYTES + 16, at + ENTRY_BYTES)) });
    end = Math.max(end, offset + length);
  }
  if (size !== end) throw new InvalidContainerError(`${file} is ${size} bytes long, its header says ${end}: it was truncated or damaged`);
  return { sections, contentId: expected.toString("hex") };
}
