/**
 * IMDB data benchmark: the cold build (archive → cache, in a fresh temporary
 * cache folder) and warm loadData() for several option sets, loadTextDataset
 * on a CSV of all 50,000 reviews, plus the encodings the lessons run on the
 * result. Prints a Markdown table with the
 * machine's load next to each figure.
 *
 *     npx tsx test/bench/data.ts
 *
 * Reads the archive from IMDB_MIRROR (default ../shared/imdb, from the project root).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Papa from "papaparse";
import { loadData, loadReviews, loadTextDataset, multiHotBatches, padSequences, type LoadDataOptions } from "../../lib/index";
import { loadAverage, median } from "./stats";

const WARM_OPTION_SETS: LoadDataOptions[] = [
  {},
  { numWords: 10_000 },
  { numWords: 5_000, vocabulary: "keras" },
  { numWords: 20_000, skipTop: 20, oovChar: null },
  { maxlen: 500 },
];
const WARM_REPEATS = 3;

interface Row {
  step: string;
  seconds: string;
  cpuSeconds: string;
  load: string;
}

interface Timing<T> {
  seconds: number;
  /** CPU time of this process (user + system): less sensitive than wall time to other work on the machine. */
  cpuSeconds: number;
  result: T;
}

async function timed<T>(task: () => Promise<T> | T): Promise<Timing<T>> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await task();
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6, result };
}

const row = (step: string, timing: Timing<unknown>): Row => ({
  step, seconds: timing.seconds.toFixed(2), cpuSeconds: timing.cpuSeconds.toFixed(2), load: loadAverage(),
});

const quiet = { onProgress: () => {} };

export async function main(): Promise<string> {
  process.env.IMDB_MIRROR ||= "../shared/imdb";
  const savedCache = process.env.IMDB_CACHE_DIR;
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "imdb-bench-"));
  process.env.IMDB_CACHE_DIR = cache;
  const rows: Row[] = [];
  try {
    const cold = await timed(() => loadData(quiet));
    rows.push(row("cold: archive → cache, then loadData()", cold));

    for (const options of WARM_OPTION_SETS) {
      const timings: Timing<unknown>[] = [];
      for (let i = 0; i < WARM_REPEATS; i++) timings.push(await timed(() => loadData({ ...options, ...quiet })));
      const wall = timings.map((t) => t.seconds);
      const cpu = timings.map((t) => t.cpuSeconds);
      rows.push({
        step: `warm loadData(${JSON.stringify(options)}): first, median of ${WARM_REPEATS}`,
        seconds: `${wall[0].toFixed(2)}, ${median(wall).toFixed(2)}`,
        cpuSeconds: `${cpu[0].toFixed(2)}, ${median(cpu).toFixed(2)}`,
        load: loadAverage(),
      });
    }

    const reviews = await timed(() => loadReviews(quiet));
    rows.push(row(`loadReviews(): ${reviews.result.length} texts`, reviews));

    const csvFile = path.join(cache, "reviews.csv");
    fs.writeFileSync(csvFile, Papa.unparse(reviews.result.map((r) => ({ text: r.text, label: r.label, split: r.split }))));
    const csvMegabytes = (fs.statSync(csvFile).size / 1e6).toFixed(1);
    const csv = await timed(() => loadTextDataset(csvFile, { numWords: 10_000 }));
    rows.push(row(`loadTextDataset(CSV of ${reviews.result.length} reviews, ${csvMegabytes} MB, { numWords: 10000 }): read, tokenize, rank, encode`, csv));

    const data = await loadData({ numWords: 10_000, ...quiet });
    rows.push(row("padSequences(train.x, { maxlen: 500 }): 25,000 × 500", await timed(() => padSequences(data.train.x, { maxlen: 500 }))));
    const multiHot = await timed(() => {
      let batches = 0;
      for (const _batch of multiHotBatches(data.train.x, 10_000, 128)) batches++;
      return batches;
    });
    rows.push(row(`multiHotBatches(train.x, 10000, 128): ${multiHot.result} batches`, multiHot));
  } finally {
    fs.rmSync(cache, { recursive: true, force: true });
    if (savedCache === undefined) delete process.env.IMDB_CACHE_DIR;
    else process.env.IMDB_CACHE_DIR = savedCache;
  }
  const table = [
    `IMDB data (${os.cpus().length} cores, Node ${process.version}; load average 1 / 5 / 15 min)`,
    "",
    "| step | wall s | CPU s | load |",
    "| --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r.step} | ${r.seconds} | ${r.cpuSeconds} | ${r.load} |`),
  ].join("\n");
  console.log(table);
  return table;
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
