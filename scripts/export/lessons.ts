/**
 * Which notebooks an export covers, and what each lesson is called and where
 * it goes in the course (instructor tooling for `npm run export`; no lesson
 * teaches it).
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { type Notebook, sourceText } from "../learner-notebook";

/** Notebook files of a lesson folder (absolute paths, by file name). */
function listLessons(dir: string): string[] {
  if (!existsSync(dir)) throw new Error(`The lesson folder ${dir} does not exist.`);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * The notebooks named on the command line: a lesson number (`01`), a name
 * (`01-exploring-reviews`) or file name in `dir`, or the path of any notebook.
 * No names means every lesson in `dir`. Unknown or ambiguous names throw an
 * error that lists the lessons there.
 */
export function resolveLessons(names: readonly string[], dir: string): string[] {
  const available = listLessons(dir);
  if (names.length === 0) {
    if (available.length === 0) throw new Error(`There are no notebooks in ${dir} to export.`);
    return available;
  }
  const chosen = names.map((name) => {
    const asPath = path.resolve(name);
    if (name.endsWith(".ipynb") && existsSync(asPath) && statSync(asPath).isFile()) return asPath;
    const matches = available.filter((file) => matchesLesson(name, path.basename(file)));
    if (matches.length === 1) return matches[0];
    const listing = available.map((file) => path.basename(file, ".ipynb")).join(", ") || "(none)";
    if (matches.length === 0) {
      throw new Error(
        `Unknown lesson "${name}". Lessons in ${dir}: ${listing}.\n` +
          "Name a lesson by number (01), by name (01-exploring-reviews), by file name, or give the path of a notebook.",
      );
    }
    throw new Error(`"${name}" matches several lessons (${matches.map((f) => path.basename(f)).join(", ")}): give the full name.`);
  });
  return [...new Set(chosen)];
}

function matchesLesson(name: string, fileName: string): boolean {
  const stem = fileName.replace(/\.ipynb$/, "");
  if (name === fileName || name === stem) return true;
  const number = /^(\d+)/.exec(stem)?.[1];
  return /^\d+$/.test(name) && number !== undefined && Number(name) === Number(number);
}

/** The lesson's title: metadata `imdb_course.title`, else its first heading, else the file name. */
export function lessonTitle(notebook: Notebook, fileName: string): string {
  const fromMetadata = courseMetadata(notebook).title;
  if (typeof fromMetadata === "string" && fromMetadata.trim()) return fromMetadata.trim();
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(sourceText(cell));
    if (heading) return heading[1];
  }
  return path.basename(fileName, ".ipynb");
}

/** Position in the course: metadata `imdb_course.lesson`, else the file name's leading number, else last. */
export function lessonNumber(notebook: Notebook, fileName: string): number {
  const fromMetadata = courseMetadata(notebook).lesson;
  if (typeof fromMetadata === "number" && Number.isFinite(fromMetadata)) return fromMetadata;
  const leading = /^(\d+)/.exec(path.basename(fileName))?.[1];
  return leading === undefined ? Number.POSITIVE_INFINITY : Number(leading);
}

function courseMetadata(notebook: Notebook): Record<string, unknown> {
  const value = notebook.metadata.imdb_course;
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** The line a solution prints with the lesson's headline result, e.g. "Result: 88.9% test accuracy". */
const RESULT_LINE = /^Result: (.+)$/m;

/**
 * What the lesson is about, as its first markdown cell says it: the first
 * paragraph after the heading (with the list that follows when it ends with
 * a colon), and the paragraph saying "You will …" when there is one. Markdown
 * source, for the index page to render.
 */
export function lessonAims(notebook: Notebook): string[] {
  const first = notebook.cells.find((cell) => cell.cell_type === "markdown");
  if (first === undefined) return [];
  const blocks = sourceText(first).split(/\n\s*\n/).map((block) => block.trim()).filter((block) => block && !/^#{1,6}\s/.test(block));
  if (blocks.length === 0) return [];
  const aims = [blocks[0]];
  if (blocks[0].endsWith(":") && blocks[1] !== undefined && /^[-*]\s/.test(blocks[1])) aims.push(blocks[1]);
  const youWill = blocks.find((block, i) => i > 0 && /^You will\b/.test(block));
  if (youWill !== undefined) aims.push(youWill);
  return aims;
}

/** The text after "Result: " in the first output line that starts with it, if the notebook printed one. */
export function lessonResult(notebook: Notebook): string | undefined {
  for (const cell of notebook.cells) {
    for (const output of (cell.outputs ?? []) as { output_type?: string; text?: string | string[] }[]) {
      if (output.output_type !== "stream" || output.text === undefined) continue;
      const match = RESULT_LINE.exec(Array.isArray(output.text) ? output.text.join("") : output.text);
      if (match) return match[1].trim();
    }
  }
  return undefined;
}
