import { beforeAll, describe, expect, it } from "vitest";
import { initBackend } from "../lib/backend/init-backend";
import { sequenceTensors } from "../lib/encoding/sequence-tensors";

beforeAll(async () => {
  await initBackend();
});

describe("sequenceTensors", () => {
  it("pads at the front and keeps the last words, as Keras does by default", () => {
    const t = sequenceTensors({ x: [Int32Array.of(1, 5, 6), Int32Array.of(1, 7, 8, 9, 10)], y: [0, 1] }, 4);
    expect(t.x.dtype).toBe("int32");
    expect(t.x.arraySync()).toEqual([[0, 1, 5, 6], [7, 8, 9, 10]]);
    expect(t.y.shape).toEqual([2, 1]);
    expect(t.y.dtype).toBe("float32");
    expect(t.y.arraySync()).toEqual([[0], [1]]);
  });

  it("passes the other padSequences options on", () => {
    const t = sequenceTensors({ x: [[1, 5, 6], [1, 7, 8, 9, 10]], y: [1, 0] }, 4, { padding: "post", truncating: "post" });
    expect(t.x.arraySync()).toEqual([[1, 5, 6, 0], [1, 7, 8, 9]]);
  });

  it("refuses reviews and labels of different counts, and a bad maxlen", () => {
    expect(() => sequenceTensors({ x: [[1]], y: [0, 1] }, 4)).toThrow(/1 reviews but 2 labels/);
    expect(() => sequenceTensors({ x: [[1]], y: [0] }, 0)).toThrow("sequenceTensors: maxlen must be an integer ≥ 1, got 0.");
  });
});
