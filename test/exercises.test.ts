import assert from "node:assert";
import { describe, expect, it } from "vitest";
import { answerOrReference, check, notSolvedMessage } from "../lib/display/exercises";

const stub = (id: string) => () => {
  throw new Error(notSolvedMessage(id));
};

async function outcomeAndLines(body: () => void | Promise<void>) {
  const lines: string[] = [];
  await check("ex-1", body, (line) => lines.push(line));
  const outcome = lines[0].startsWith("✓") ? "passed" : lines[0].startsWith("✗") ? "failed" : "not solved";
  return { outcome, lines };
}

describe("check", () => {
  it("reports a body that runs without error as passed", async () => {
    expect(await outcomeAndLines(() => assert.strictEqual(1 + 1, 2))).toEqual({ outcome: "passed", lines: ['✓ Exercise "ex-1": correct.'] });
  });

  it("reports a failed assertion with its message, without throwing", async () => {
    const { outcome, lines } = await outcomeAndLines(() => assert.deepStrictEqual([1], [2], "f() should be [2], got [1]"));
    expect(outcome).toBe("failed");
    expect(lines).toEqual(['✗ Exercise "ex-1": f() should be [2], got [1]']);
  });

  it("reports an unsolved exercise's stub as not solved yet, also from an async body", async () => {
    const { outcome, lines } = await outcomeAndLines(async () => stub("ex-1")());
    expect(outcome).toBe("not solved");
    expect(lines[0]).toMatch(/^○ Exercise "ex-1" is not solved yet/);
  });

  it("names any other error the learner's code throws", async () => {
    const { outcome, lines } = await outcomeAndLines(() => {
      throw new TypeError("x is undefined");
    });
    expect(outcome).toBe("failed");
    expect(lines).toEqual(['✗ Exercise "ex-1": your code threw TypeError: x is undefined']);
  });
});

describe("answerOrReference", () => {
  it("uses the learner's answer when it works", () => {
    const printed: string[] = [];
    expect(answerOrReference((x: number) => x * 2, (x: number) => x * 3, (l) => printed.push(l))(5)).toBe(10);
    expect(printed).toEqual([]);
  });

  it("falls back to the reference for an unsolved exercise and says so once", () => {
    const printed: string[] = [];
    const f = answerOrReference<[number], number>(stub("l3-model"), (x) => x * 3, (l) => printed.push(l));
    expect([f(1), f(2)]).toEqual([3, 6]);
    expect(printed).toEqual(['(Exercise "l3-model" is not solved yet: this cell uses the course\'s reference answer instead.)']);
  });

  it("lets any other error through", () => {
    const broken = () => {
      throw new RangeError("bad");
    };
    expect(() => answerOrReference(broken, () => 1)()).toThrow(RangeError);
  });
});
