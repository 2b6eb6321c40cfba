/**
 * Exports lessons to a folder of HTML pages that work from disk with no
 * network: one page per lesson (with navigation and a table of contents),
 * index.html, the live demo (demo.ts), and plotly.js plus JupyterLab's
 * stylesheet written once for all pages. Instructor tooling behind
 * `npm run export`; no lesson teaches it.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { plotlyBundlePath } from "../../lib/display/charts";
import { COURSE_MODELS, defaultModelsDir } from "../../lib/models/registry";
import { courseScale } from "../../lib/data/scale";
import { writeFolderAtomic } from "../../lib/util/files";
import { onStop } from "../cli";
import { PROJECT_ROOT } from "../jupyter-env";
import { readNotebook } from "../grading/notebook-file";
import type { Notebook } from "../learner-notebook";
import { byCourseOrder, lessonAims, lessonOf, lessonResult, type Lesson } from "../lessons";
import { executeNotebooks } from "./execute";
import { DEMO_FILE, writeDemo, type DemoSummary } from "./demo";
import { indexHtml, type IndexEntry } from "./index-page";
import { convertToHtml, jupyterLabStylesheet, nbconvertPython } from "./nbconvert";
import { resourcesOutsideFolder } from "./offline-check";
import { EXPORT_GENERATOR, hasCode, hasOutputs, INDEX_FILE, pageNotebook, PLOTLY_FILE, STYLESHEET_FILE, type PageVersion } from "./page-notebook";
import { withTableOfContents } from "./toc";

const DEMO_LINK = { href: DEMO_FILE, title: "Live demo" };

export interface ExportOptions {
  /** Notebook files to export (see resolveLessons). */
  notebooks: readonly string[];
  version: PageVersion;
  /** Folder to write; replaced as a whole if it holds a previous export, refused if it holds anything else. */
  outDir: string;
  /** Saved models for the live demo; default data/models/<COURSE_SCALE>. */
  modelsDir?: string;
}

export interface ExportResult {
  outDir: string;
  /** Page file names in course order (index.html not included). */
  pages: string[];
  bytes: number;
  demo: DemoSummary;
}

/** A lesson and the page it becomes. */
type LessonPage = Lesson & { page: string };

export async function exportLessons(options: ExportOptions): Promise<ExportResult> {
  const log = (message: string) => console.error(message);
  const outDir = path.resolve(options.outDir);
  checkReplaceable(outDir);
  const python = nbconvertPython();
  const work = mkdtempSync(path.join(os.tmpdir(), "imdb-course-export-"));
  let staging: string | undefined;
  const removeTemporaryFolders = () => {
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  };
  const cancelCleanup = onStop(removeTemporaryFolders);
  try {
    const lessons = await loadLessons(options.notebooks, options.version, path.join(work, "executed"), log);
    let demo: DemoSummary | undefined;
    await writeFolderAtomic(outDir, async (folder) => {
      staging = folder;
      demo = await writeSite(folder, lessons, path.join(work, "pages"), python, options, log);
    });
    return { outDir, pages: lessons.map((l) => l.page), bytes: folderBytes(outDir), demo: demo as DemoSummary };
  } finally {
    cancelCleanup();
    removeTemporaryFolders();
  }
}

/** Writes the pages, the shared files, the demo and the index into `folder`; `prepared` is scratch space for the page notebooks. */
async function writeSite(folder: string, lessons: readonly LessonPage[], prepared: string, python: string, options: ExportOptions, log: (m: string) => void): Promise<DemoSummary> {
  mkdirSync(prepared);
  const files = lessons.map((lesson, i) => {
    const neighbour = (other: LessonPage | undefined) => other && { href: other.page, title: other.title };
    const page = pageNotebook(lesson.notebook, {
      title: lesson.title,
      version: options.version,
      sourceName: path.relative(PROJECT_ROOT, lesson.file),
      previous: neighbour(lessons[i - 1]),
      next: neighbour(lessons[i + 1]),
      demo: DEMO_LINK,
    });
    const file = path.join(prepared, lesson.page.replace(/\.html$/, ".ipynb"));
    writeFileSync(file, JSON.stringify(page));
    return file;
  });
  log(`Converting ${files.length} notebook(s) to HTML…`);
  await convertToHtml(python, files, folder);
  for (const lesson of lessons) {
    const file = path.join(folder, lesson.page);
    writeFileSync(file, withTableOfContents(readFileSync(file, "utf8"), lesson.page));
  }
  copyFileSync(plotlyBundlePath(), path.join(folder, PLOTLY_FILE));
  writeFileSync(path.join(folder, STYLESHEET_FILE), jupyterLabStylesheet(python));
  const scale = courseScale().name;
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  log(`Writing the live demo with the models in ${path.relative(PROJECT_ROOT, modelsDir) || modelsDir}…`);
  const demo = await writeDemo(folder, { modelsDir, scale });
  writeFileSync(path.join(folder, INDEX_FILE), indexHtml(lessons.map(indexEntry), options.version, DEMO_LINK));
  checkOffline(folder);
  return demo;
}

/** What the index says about a lesson, from its notebook and the models the course registers for it. */
function indexEntry(lesson: LessonPage): IndexEntry {
  return {
    href: lesson.page,
    title: lesson.title,
    number: lesson.number,
    aims: lessonAims(lesson.notebook),
    trains: COURSE_MODELS.filter((model) => model.lesson === lesson.number).map((model) => `${model.name}: ${model.title}`),
    result: lessonResult(lesson.notebook),
  };
}

/** Reads the notebooks in course order; for solution pages, runs those saved without outputs. */
async function loadLessons(notebooks: readonly string[], version: PageVersion, executedDir: string, log: (m: string) => void): Promise<LessonPage[]> {
  const pageNames = new Map<string, string>();
  for (const source of notebooks) {
    const page = pageName(source);
    const clash = pageNames.get(page);
    if (clash !== undefined) throw new Error(`${clash} and ${source} would both become ${page}: export them separately.`);
    pageNames.set(page, source);
  }
  const originals = new Map(notebooks.map((source) => [source, readNotebook(source)]));
  const needsRun = (source: string) => {
    const notebook = originals.get(source) as Notebook;
    return hasCode(notebook) && !hasOutputs(notebook);
  };
  const unexecuted = version === "solution" ? notebooks.filter(needsRun) : [];
  if (unexecuted.length > 0) {
    const scale = courseScale().name;
    const names = unexecuted.map((f) => path.relative(PROJECT_ROOT, f)).join(", ");
    log(`No saved outputs in ${names}: running ${unexecuted.length > 1 ? "them" : "it"} at COURSE_SCALE=${scale}…`);
    await executeNotebooks(unexecuted, executedDir);
    for (const source of unexecuted) originals.set(source, readNotebook(path.join(executedDir, path.basename(source))));
  }
  const lessons = notebooks.map((source): LessonPage => ({ ...lessonOf(originals.get(source) as Notebook, source), page: pageName(source) }));
  return lessons.sort(byCourseOrder);
}

/** The file name of the page a notebook becomes. */
function pageName(notebook: string): string {
  return `${path.basename(notebook, ".ipynb")}.html`;
}

function checkOffline(folder: string): void {
  const problems: string[] = [];
  for (const name of readdirSync(folder).filter((n) => n.endsWith(".html"))) {
    const outside = resourcesOutsideFolder(readFileSync(path.join(folder, name), "utf8"), (relative) => existsSync(path.join(folder, relative)));
    if (outside.length > 0) problems.push(`${name} loads ${outside.join(", ")}`);
  }
  if (problems.length > 0) {
    throw new Error(
      `The pages would need files from outside the export folder, so they would not work offline:\n  ${problems.join("\n  ")}\n` +
        "Put images into the notebook (as cell attachments or inline data) instead of linking them.",
    );
  }
}

/** An existing output folder is replaced only when empty or written by a previous export (never a folder of other files). */
function checkReplaceable(outDir: string): void {
  if (!existsSync(outDir)) return;
  if (!statSync(outDir).isDirectory()) throw new Error(`--out ${outDir} is a file: give a folder.`);
  const entries = readdirSync(outDir);
  if (entries.length === 0) return;
  const index = path.join(outDir, INDEX_FILE);
  const previous = existsSync(index) && readFileSync(index, "utf8").includes(`<meta name="generator" content="${EXPORT_GENERATOR}">`);
  if (!previous) throw new Error(`--out ${outDir} already holds files that an export did not write: choose a new or empty folder.`);
}

function folderBytes(folder: string): number {
  return readdirSync(folder, { withFileTypes: true }).reduce((sum, entry) => {
    const file = path.join(folder, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(file) : statSync(file).size);
  }, 0);
}
