import os from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default, one worker fewer than cores, is a single worker on a 2-core machine. Much of this suite waits on
    // Jupyter kernels, Chromium and sandboxes, so a second worker still gains: the whole suite took 931 s instead of 1092 s.
    maxWorkers: Math.max(os.availableParallelism() - 1, 2),
  },
});
