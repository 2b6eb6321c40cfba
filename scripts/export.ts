/**
 * `npm run export [-- LESSONS…] [--out dist/html] [--solutions]`
 *
 * Writes the lessons as HTML pages that work offline (from disk, a zip or any
 * web server): one page per lesson, an index, a live demo of the saved
 * models, and plotly.js written once.
 * Learner pages (from notebooks/, the default) show the lessons without
 * outputs; --solutions pages (from solutions/) show outputs and charts, and a
 * solution notebook saved without outputs is run first.
 * LESSONS: a number (01), a name (01-exploring-reviews), a file name, or the
 * path of any notebook; none means every lesson.
 */
import path from "node:path";
import { runMain, UsageError } from "./cli";
import { PROJECT_ROOT } from "./jupyter-env";
import { resolveLessons } from "./lessons";
import { exportLessons } from "./export/site";

const USAGE = "Usage: npm run export -- [LESSON…] [--out DIR] [--solutions] [--models DIR]\n" +
  "  LESSON       01, 01-exploring-reviews, 01-exploring-reviews.ipynb or a notebook's path (default: every lesson)\n" +
  "  --out DIR    folder to write (default dist/html); a previous export there is replaced\n" +
  "  --solutions  export solutions/ with outputs instead of the learners' notebooks/\n" +
  "  --models DIR saved models for the live demo (default data/models/<COURSE_SCALE>)";

interface Arguments {
  lessons: string[];
  outDir: string;
  solutions: boolean;
  modelsDir?: string;
}

function parseArguments(args: readonly string[]): Arguments {
  const parsed: Arguments = { lessons: [], outDir: path.join(PROJECT_ROOT, "dist", "html"), solutions: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const folderOption = /^(--out|--models)(?:=(.*))?$/.exec(arg);
    if (arg === "--solutions") parsed.solutions = true;
    else if (folderOption) {
      const value = folderOption[2] ?? args[++i];
      if (!value) throw new UsageError(`${folderOption[1]} needs a folder.`);
      if (folderOption[1] === "--out") parsed.outDir = path.resolve(value);
      else parsed.modelsDir = path.resolve(value);
    } else if (arg.startsWith("-")) throw new UsageError(`Unknown option ${arg}.`);
    else parsed.lessons.push(arg);
  }
  return parsed;
}

async function main(argv: string[]): Promise<void> {
  const started = performance.now();
  const args = parseArguments(argv);
  const sourceDir = path.join(PROJECT_ROOT, args.solutions ? "solutions" : "notebooks");
  const notebooks = resolveLessons(args.lessons, sourceDir);
  const result = await exportLessons({ notebooks, version: args.solutions ? "solution" : "learner", outDir: args.outDir, modelsDir: args.modelsDir });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const megabytes = (result.bytes / 1e6).toFixed(1);
  console.log(
    `Exported ${result.pages.length} ${args.solutions ? "solution" : "learner"} page(s) to ${path.relative(process.cwd(), result.outDir) || "."} ` +
      `(${megabytes} MB) in ${seconds} s: open ${path.join(path.relative(process.cwd(), result.outDir), "index.html")}`,
  );
  const { demo } = result;
  console.log(
    `Live demo: ${demo.saved.length} saved model(s)${demo.missing.length > 0 ? `, not trained: ${demo.missing.join(", ")}` : ""}; ` +
      `it loads ${(demo.bytes / 1e6).toFixed(1)} MB.`,
  );
}

runMain(main, { usage: USAGE });
