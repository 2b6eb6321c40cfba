import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs";
import { initBackend } from "../lib/index";

const ROOT = path.resolve(__dirname, "..");

interface Report {
  name?: string;
  reason?: string;
  tfjsVersion?: string;
  /** tf.getBackend() after initBackend(). */
  active?: string;
  error?: string;
}

/** initBackend() in a fresh Node process with these variables (the others removed from its environment). */
function backendWith(env: Record<string, string>): Report {
  const { TFJS_BACKEND: _backend, IMDB_COURSE_NATIVE_BLAS: _blas, ...inherited } = process.env;
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "fixtures", "report-backend.ts")], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...inherited, ...env },
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split("\n").at(-1)!) as Report;
}

function isResolvable(module: string): boolean {
  try {
    require.resolve(module);
    return true;
  } catch {
    return false;
  }
}

describe("initBackend", () => {
  it("uses the backend TFJS_BACKEND names, and says it was forced", () => {
    for (const [requested, name] of [["WASM", "wasm"], ["cpu", "cpu"]]) {
      const report = backendWith({ TFJS_BACKEND: requested });
      expect(report.name).toBe(name);
      expect(report.active).toBe(name);
      expect(report.reason).toMatch(new RegExp(`^forced by TFJS_BACKEND=${requested}`));
      expect(report.tfjsVersion).toBe(tf.version_core);
    }
  }, 120_000);

  it("says on wasm whether the native matrix products are switched off", () => {
    const report = backendWith({ TFJS_BACKEND: "wasm", IMDB_COURSE_NATIVE_BLAS: "0" });
    expect(report.name).toBe("wasm");
    expect(report.reason).toContain("IMDB_COURSE_NATIVE_BLAS=0");
    expect(report.reason).toContain("matrix products run on wasm");
  }, 60_000);

  it("rejects an unknown TFJS_BACKEND with the values it accepts", () => {
    const report = backendWith({ TFJS_BACKEND: "gpu" });
    expect(report.name).toBeUndefined();
    expect(report.error).toContain('TFJS_BACKEND="gpu"');
    expect(report.error).toContain("node, wasm, cpu");
  }, 60_000);

  it.runIf(!isResolvable("@tensorflow/tfjs-node"))("without tfjs-node installed, runs on wasm and says tfjs-node is missing", () => {
    const report = backendWith({});
    expect(report.name).toBe("wasm");
    expect(report.active).toBe("wasm");
    expect(report.reason).toMatch(/^@tensorflow\/tfjs-node is not available \(Cannot find module '@tensorflow\/tfjs-node'/);
  }, 60_000);

  it.runIf(isResolvable("@tensorflow/tfjs-node"))("with tfjs-node installed, runs on it", () => {
    const report = backendWith({});
    expect(report.name).toBe("tensorflow");
    expect(report.reason).toContain("@tensorflow/tfjs-node loaded");
  }, 60_000);

  it("returns the same answer when called again", async () => {
    const first = initBackend();
    expect(initBackend()).toBe(first);
    const { name } = await first;
    expect(tf.getBackend()).toBe(name);
  });
});
