/**
 * `npm run build:notebooks [-- --check]`
 *
 * Generates notebooks/ (the learners' copies) and lib/models/lessons/ (the cells
 * marked `// @save`, see saved-cells.ts) from solutions/ (the source). Neither
 * is edited by hand. With --check, writes nothing and exits 1 when a generated
 * file is missing or out of date (the test suite runs this).
 *
 * A learner works in notebooks/, so a notebook the learner changed is never
 * overwritten: it is first moved to `<name>.mine.ipynb` (learner-copies.ts).
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { writeFileAtomic } from "../lib/util/files";
import { flags, runMain } from "./cli";
import { readNotebook } from "./grading/notebook-file";
import { changedByLearner, keepLearnerCopy, learnerNotebookText, MINE } from "./learner-copies";
import { savedModule, savedModulePath } from "./saved-cells";
import { PROJECT_ROOT } from "./jupyter-env";

const SOLUTIONS = path.join(PROJECT_ROOT, "solutions");
const NOTEBOOKS = path.join(PROJECT_ROOT, "notebooks");
const USAGE = "Usage: npm run build:notebooks [-- --check]\n" +
  "  --check  write nothing; exit 1 when a generated file is missing or out of date";

function main(argv: string[]): number {
  const check = flags(argv, ["--check"]).has("--check");
  const names = readdirSync(SOLUTIONS).filter((n) => n.endsWith(".ipynb")).sort();
  const stale: string[] = [];
  const kept: string[] = [];
  for (const name of names) {
    const solution = readNotebook(path.join(SOLUTIONS, name));
    const generated: Array<[string, string | undefined]> = [
      [`notebooks/${name}`, learnerNotebookText(solution, `solutions/${name}`)],
      [savedModulePath(name.replace(/\.ipynb$/, "")), savedModule(solution, `solutions/${name}`)],
    ];
    for (const [relative, text] of generated) {
      if (text === undefined) continue;
      const target = path.join(PROJECT_ROOT, relative);
      const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;
      if (current === text) continue;
      stale.push(relative);
      if (check) continue;
      if (current !== undefined && relative.startsWith("notebooks/") && changedByLearner(target, text)) {
        kept.push(`${relative} has changes of yours: kept as ${path.relative(PROJECT_ROOT, keepLearnerCopy(target))}`);
      }
      writeFileAtomic(target, [Buffer.from(text)]);
    }
  }
  const orphans = readdirSync(NOTEBOOKS).filter((n) => n.endsWith(".ipynb") && !MINE.test(n) && !names.includes(n));
  if (check) {
    for (const file of stale) console.error(`${file} is out of date with solutions/: run \`npm run build:notebooks\`.`);
    for (const file of orphans) console.error(`notebooks/${file} has no solution notebook in solutions/.`);
    return stale.length + orphans.length > 0 ? 1 : 0;
  }
  console.log(stale.length ? `Wrote ${stale.join(", ")}` : "notebooks/ is up to date.");
  for (const line of kept) console.log(line);
  for (const file of orphans) console.warn(`notebooks/${file} has no solution notebook in solutions/; remove it if the lesson is gone.`);
  return 0;
}

runMain(main, { usage: USAGE });
