/**
 * `npm run bench`: every benchmark of the course in one run, so that their
 * ratios (ours against PyTorch, cold against warm) come from the same machine
 * load. Each benchmark is also a script of its own: `npx tsx test/bench/<name>.ts`.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadAverage } from "./stats";

const BENCHMARKS = ["data.ts", "models.ts", "ngrams.ts"];
const TSX = path.resolve(__dirname, "..", "..", "node_modules", "tsx", "dist", "cli.mjs");

console.log(`# Benchmarks — ${new Date().toISOString()}, ${os.cpus().length} cores, load ${loadAverage(" ")}\n`);
let failed = 0;
for (const name of BENCHMARKS) {
  const file = path.join(__dirname, name);
  if (!existsSync(file)) continue;
  console.log(`## ${name}\n`);
  const result = spawnSync(process.execPath, [TSX, file], { stdio: "inherit" });
  if (result.status !== 0) failed++;
  console.log();
}
process.exitCode = failed > 0 ? 1 : 0;
