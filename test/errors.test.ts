import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { errorMessage, isErrnoException } from "../lib/util/errors";

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("the action did not throw");
}

describe("errorMessage", () => {
  it("gives an Error's message and anything else thrown as text", () => {
    expect(errorMessage(new RangeError("too big"))).toBe("too big");
    expect(errorMessage("plain text")).toBe("plain text");
    expect(errorMessage(42)).toBe("42");
    expect(errorMessage(undefined)).toBe("undefined");
  });
});

describe("isErrnoException", () => {
  it("recognises a Node system error by its code, and nothing else", () => {
    const missing = thrownBy(() => fs.readFileSync(path.join(os.tmpdir(), "no-such-dir-for-errors-test", "file")));
    expect(isErrnoException(missing, "ENOENT")).toBe(true);
    expect(isErrnoException(missing, "EEXIST")).toBe(false);
    expect(isErrnoException(new Error("no code"), "ENOENT")).toBe(false);
    expect(isErrnoException({ code: "ENOENT", message: "not an Error" }, "ENOENT")).toBe(false);
  });
});
