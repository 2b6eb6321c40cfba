import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/index";

describe("initBackend", () => {
  it("activates the backend it reports, and says why", async () => {
    const info = await initBackend();
    expect(tf.getBackend()).toBe(info.name);
    expect(info.reason.length).toBeGreaterThan(10);
    expect(info.tfjsVersion).toBe(tf.version_core);
  });

  it("returns the same answer when called again", async () => {
    expect(await initBackend()).toBe(await initBackend());
  });
});
