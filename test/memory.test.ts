import { describe, expect, it } from "vitest";
import { denseMatrixBytes, formatByteSize } from "../lib/encoding/memory";

describe("denseMatrixBytes", () => {
  it("multiplies rows, columns and the bytes of one value", () => {
    expect(denseMatrixBytes(3, 4)).toBe(48);
    expect(denseMatrixBytes(3, 4, "float64")).toBe(96);
    expect(denseMatrixBytes(3, 4, "bool")).toBe(12);
    expect(denseMatrixBytes(25_000, 10_000)).toBe(1_000_000_000);
  });

  it("agrees with the size of a real Float32Array", () => {
    expect(denseMatrixBytes(7, 5)).toBe(new Float32Array(7 * 5).byteLength);
  });

  it("rejects negative or fractional sizes", () => {
    expect(() => denseMatrixBytes(-1, 4)).toThrow("denseMatrixBytes: rows must be an integer from 0 to 9007199254740991, got -1.");
    expect(() => denseMatrixBytes(2, 1.5)).toThrow("denseMatrixBytes: columns must be an integer from 0 to 9007199254740991, got 1.5.");
  });
});

describe("formatByteSize", () => {
  it("prints decimal units with the binary equivalent of the same order", () => {
    expect(formatByteSize(999)).toBe("999 bytes");
    expect(formatByteSize(1000)).toBe("1.00 kB (0.98 KiB)");
    expect(formatByteSize(1_000_000_000)).toBe("1.00 GB (0.93 GiB)");
    expect(formatByteSize(2 ** 20)).toBe("1.05 MB (1.00 MiB)");
  });
});
