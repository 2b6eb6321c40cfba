import { describe, expect, it } from "vitest";
import { meanSecondsPerEpoch, runsTableMarkdown } from "../lib/training/experiment";

describe("meanSecondsPerEpoch and runsTableMarkdown", () => {
  it("average epoch times and lay runs out in a table", () => {
    expect(meanSecondsPerEpoch([{ epoch: 1, loss: 1, accuracy: 0, seconds: 10 }, { epoch: 2, loss: 1, accuracy: 0, seconds: 20 }])).toBe(15);
    expect(() => meanSecondsPerEpoch([])).toThrow(/history is empty/);
    const table = runsTableMarkdown([{ model: "MLP", parameters: 4_160_501, epochs: 2, secondsPerEpoch: 41.26, testAccuracy: 0.87512 }]);
    expect(table.split("\n")[2]).toBe("| MLP | 4,160,501 | 2 | 41.3 | 87.51% |");
  });
});
