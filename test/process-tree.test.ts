import { describe, expect, it } from "vitest";
import { killSurvivors, runWatched, survivorsAfter } from "./process-tree";

describe("process tree watching", () => {
  it("finds a process that outlives the command that started it, and only that one", async () => {
    // The shell starts two sleeps: one it waits for, one it abandons.
    const run = await runWatched("sh", ["-c", "sleep 1; sleep 30 & sleep 1"]);
    const survivors = await survivorsAfter(run.processes, 500);
    try {
      expect(run.status).toBe(0);
      expect(run.processes.map((p) => p.command)).toEqual(expect.arrayContaining(["sleep 1", "sleep 30"]));
      expect(survivors.map((p) => p.command)).toEqual(["sleep 30"]);
    } finally {
      killSurvivors(survivors);
    }
    expect(await survivorsAfter(survivors, 2000)).toEqual([]);
  });

  it("reports none when every process ends", async () => {
    // A second long, so that the 100 ms samples see the child after its exec even under load.
    const run = await runWatched("sh", ["-c", "sleep 1 & wait"]);
    expect(run.processes.map((p) => p.command)).toEqual(["sh -c sleep 1 & wait", "sleep 1"]);
    expect(await survivorsAfter(run.processes, 2000)).toEqual([]);
  });
});
