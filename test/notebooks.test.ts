/**
 * Every lesson, run the way CI can afford: solution notebooks top to bottom at
 * COURSE_SCALE=smoke, and the generated learner notebooks with --learner (their
 * ordinary cells pass, each exercise check fails with the stub message).
 * Solutions run first and in lesson order, because lesson 6 loads the models
 * that lessons 2-5 save.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runLeavingNothingBehind } from "./process-tree";

const ROOT = path.resolve(__dirname, "..");
const TSX = path.join(ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const OUT = mkdtempSync(path.join(os.tmpdir(), "course-notebooks-"));
const lessons = readdirSync(path.join(ROOT, "solutions")).filter((n) => n.endsWith(".ipynb")).sort();

function runNotebook(file: string, extra: string[]) {
  return runLeavingNothingBehind(process.execPath, [TSX, path.join(ROOT, "scripts", "run-notebooks.ts"), ...extra, "--out", OUT, file], {
    cwd: ROOT,
    env: { ...process.env, COURSE_SCALE: "smoke" },
  });
}

describe.sequential("lesson notebooks at smoke scale", () => {
  it.each(lessons)("solutions/%s runs top to bottom and leaves no process behind", async (name) => {
    const { status, output } = await runNotebook(path.join(ROOT, "solutions", name), []);
    expect(status, output).toBe(0);
  }, 600_000);

  it.each(lessons)("notebooks/%s runs, each exercise failing with its stub message", async (name) => {
    const { status, output } = await runNotebook(path.join(ROOT, "notebooks", name), ["--learner"]);
    expect(status, output).toBe(0);
  }, 600_000);
});
