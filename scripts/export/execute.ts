/**
 * Runs notebooks that were saved without outputs, so their solution pages have
 * something to show (instructor tooling for `npm run export`; no lesson teaches it).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { childExit } from "../cli";
import { PROJECT_ROOT } from "../jupyter-env";

const TSX = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");
const RUNNER = path.join(PROJECT_ROOT, "scripts", "run-notebooks.ts");

/**
 * Executes `notebooks` with the course's notebook runner (`npm run notebooks`),
 * writing the executed copies to `outDir` (same file names) and leaving the
 * originals untouched. The runner's progress goes to stderr; when it fails the
 * error says which notebook and how to go on.
 */
export async function executeNotebooks(notebooks: readonly string[], outDir: string): Promise<void> {
  const runner = spawn(process.execPath, [TSX, RUNNER, "--out", outDir, ...notebooks], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", process.stderr, process.stderr],
  });
  if ((await childExit(runner)) !== 0) {
    const names = notebooks.map((file) => path.relative(PROJECT_ROOT, file)).join(" ");
    throw new Error(
      `${names} ${notebooks.length > 1 ? "have" : "has"} no saved outputs, and running ${notebooks.length > 1 ? "them" : "it"} failed (see the runner's messages above).\n` +
        `Fix the notebook, or run \`npm run notebooks -- ${names}\` until it saves its outputs, then export again.`,
    );
  }
}
