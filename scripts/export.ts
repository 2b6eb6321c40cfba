/**
 * `npm run export [-- LESSONS…] [--out dist/html] [--solutions]`
 *
 * Writes the lessons as HTML pages that work offline (from disk, a zip or any
 * web server): one page per lesson, an index, and plotly.js written once.
 * Learner pages (from notebooks/, the default) show the lessons without
 * outputs; --solutions pages (from solutions/) show outputs and charts, and a
 * solution notebook saved without outputs is run first.
 * LESSONS: a number (01), a name (01-exploring-reviews), a file name, or the
 * path of any notebook; none means every lesson.
 */
import path from "node:path";
import { PROJECT_ROOT } from "./jupyter-env";
import { resolveLessons } from "./export/lessons";
import { exportLessons } from "./export/site";

const USAGE = "Usage: npm run export -- [LESSON…] [--out DIR] [--solutions]\n" +
  "  LESSON       01, 01-exploring-reviews, 01-exploring-reviews.ipynb or a notebook's path (default: every lesson)\n" +
  "  --out DIR    folder to write (default dist/html); a previous export there is replaced\n" +
  "  --solutions  export solutions/ with outputs instead of the learners' notebooks/";

interface Arguments {
  lessons: string[];
  outDir: string;
  solutions: boolean;
}

function parseArguments(args: readonly string[]): Arguments {
  const parsed: Arguments = { lessons: [], outDir: path.join(PROJECT_ROOT, "dist", "html"), solutions: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--solutions") parsed.solutions = true;
    else if (arg === "--out" || arg.startsWith("--out=")) {
      const value = arg === "--out" ? args[++i] : arg.slice("--out=".length);
      if (!value) throw new UsageError("--out needs a folder.");
      parsed.outDir = path.resolve(value);
    } else if (arg.startsWith("-")) throw new UsageError(`Unknown option ${arg}.`);
    else parsed.lessons.push(arg);
  }
  return parsed;
}

class UsageError extends Error {}

function main(): number {
  const started = performance.now();
  let args: Arguments;
  try {
    if (process.argv.includes("--help")) {
      console.log(USAGE);
      return 0;
    }
    args = parseArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const sourceDir = path.join(PROJECT_ROOT, args.solutions ? "solutions" : "notebooks");
  const notebooks = resolveLessons(args.lessons, sourceDir);
  const result = exportLessons({ notebooks, version: args.solutions ? "solution" : "learner", outDir: args.outDir });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const megabytes = (result.bytes / 1e6).toFixed(1);
  console.log(
    `Exported ${result.pages.length} ${args.solutions ? "solution" : "learner"} page(s) to ${path.relative(process.cwd(), result.outDir) || "."} ` +
      `(${megabytes} MB) in ${seconds} s: open ${path.join(path.relative(process.cwd(), result.outDir), "index.html")}`,
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
