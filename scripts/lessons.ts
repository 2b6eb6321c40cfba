/**
 * The course's lessons as their notebooks describe themselves: number, slug
 * and title from the notebook's `imdb_course` metadata (solutions/README.md),
 * what the lesson is about from its first cell, its headline result from what
 * it printed; and which lesson notebooks the names on a command line mean.
 * The one reader of these for the export, the README's table of results and
 * the grader.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { readNotebook } from "./grading/notebook-file";
import { sourceText, type Notebook } from "./learner-notebook";

export interface Lesson {
  /** The notebook file it was read from. */
  file: string;
  notebook: Notebook;
  /** Position in the course: `imdb_course.lesson`, else the number the file name starts with, else Infinity (last). */
  number: number;
  /** `imdb_course.slug`, else the file name without `.ipynb`. */
  slug: string;
  /** `imdb_course.title`, else the notebook's first heading, else the file name without `.ipynb`. */
  title: string;
}

/** What names a lesson in reports: its number, slug and title. */
export type LessonName = Pick<Lesson, "number" | "slug" | "title">;

/**
 * What a notebook's `imdb_course` metadata declares, each field only where it
 * is well formed. Nothing is guessed: the grader compares a learner's notebook
 * with the lessons by exactly this.
 */
export function declaredLesson(metadata: unknown): Partial<LessonName> {
  const declared = (metadata as { imdb_course?: unknown } | undefined)?.imdb_course;
  if (typeof declared !== "object" || declared === null) return {};
  const { lesson, slug, title } = declared as Record<string, unknown>;
  return {
    number: typeof lesson === "number" && Number.isFinite(lesson) ? lesson : undefined,
    slug: typeof slug === "string" && slug !== "" ? slug : undefined,
    title: typeof title === "string" && title.trim() !== "" ? title.trim() : undefined,
  };
}

/** The lesson a notebook holds, read from `file`. */
export function lessonOf(notebook: Notebook, file: string): Lesson {
  const declared = declaredLesson(notebook.metadata);
  const stem = path.basename(file, ".ipynb");
  return {
    file,
    notebook,
    number: declared.number ?? fileLessonNumber(file),
    slug: declared.slug ?? stem,
    title: declared.title ?? firstHeading(notebook) ?? stem,
  };
}

/** The lesson in a notebook file of the course's own (an error says what is wrong with the file). */
export function readLesson(file: string): Lesson {
  return lessonOf(readNotebook(file), file);
}

/** The number a lesson's file name starts with (`07-bag-of-ngrams.ipynb`: 7), else Infinity. */
export function fileLessonNumber(file: string): number {
  const leading = /^(\d+)/.exec(path.basename(file))?.[1];
  return leading === undefined ? Number.POSITIVE_INFINITY : Number(leading);
}

function firstHeading(notebook: Notebook): string | undefined {
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "markdown") continue;
    const heading = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(sourceText(cell));
    if (heading) return heading[1];
  }
  return undefined;
}

/** Course order: by number, then by file name. */
export function byCourseOrder(a: Lesson, b: Lesson): number {
  return a.number - b.number || path.basename(a.file).localeCompare(path.basename(b.file));
}

/** Whether `name`, as a command line gives it (7, 07, 07-bag-of-ngrams or 07-bag-of-ngrams.ipynb), names the lesson. */
export function namesLesson(name: string, lesson: Pick<Lesson, "number" | "slug">): boolean {
  return name === lesson.slug || name === `${lesson.slug}.ipynb` || (/^\d+$/.test(name) && Number(name) === lesson.number);
}

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

/** What starts the one line in which a lesson prints its headline result, e.g. "Result: 88.9% test accuracy". */
export const RESULT_PREFIX = "Result: ";

/** The rest of every line the notebook's code cells printed to stdout that starts with RESULT_PREFIX, in order. */
export function printedResults(notebook: Notebook): string[] {
  return notebook.cells
    .flatMap((cell) =>
      (cell.outputs ?? []).flatMap((output) => {
        const { output_type: type, name, text } = output as { output_type?: string; name?: string; text?: string | string[] };
        if (type !== "stream" || name !== "stdout" || text === undefined) return [];
        return (Array.isArray(text) ? text.join("") : text).split("\n");
      }),
    )
    .filter((line) => line.startsWith(RESULT_PREFIX))
    .map((line) => line.slice(RESULT_PREFIX.length).trim());
}

/** The lesson's headline result: the first it printed, if any (the README's table insists on one at most). */
export function lessonResult(notebook: Notebook): string | undefined {
  return printedResults(notebook)[0];
}

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
    // By file name: the folder's notebooks are not read (nor need to be notebooks) to be listed.
    const matches = available.filter((file) => namesLesson(name, { slug: path.basename(file, ".ipynb"), number: fileLessonNumber(file) }));
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
