/**
 * The notebook that nbconvert turns into one exported page: what is shown
 * (outputs or not), without the inline plotly bundle, plus what the page
 * template needs in `metadata.imdb_course_export` (instructor tooling for
 * `npm run export`; no lesson teaches it).
 */
import { PLOTLY_BUNDLE_ATTRIBUTE } from "../../lib/charts";
import type { Notebook, NotebookCell } from "../learner-notebook";

/** Marks pages written by the exporter, so a later export may replace their folder. */
export const EXPORT_GENERATOR = "imdb-course export";
export const PLOTLY_FILE = "plotly.js";
export const STYLESHEET_FILE = "jupyterlab.css";
export const INDEX_FILE = "index.html";

export type PageVersion = "learner" | "solution";

export interface PageLink {
  href: string;
  title: string;
}

export interface PageContext {
  title: string;
  version: PageVersion;
  /** Notebook path shown in the learner note, relative to the project (e.g. notebooks/01-exploring-reviews.ipynb). */
  sourceName: string;
  previous?: PageLink;
  next?: PageLink;
}

interface Output {
  output_type?: string;
  data?: Record<string, unknown>;
}

/** True when some code cell carries an output: the notebook was run and saved. */
export function hasOutputs(notebook: Notebook): boolean {
  return notebook.cells.some((cell) => cell.cell_type === "code" && (cell.outputs ?? []).length > 0);
}

/** True when the notebook has code to run at all (a page of text only needs no execution). */
export function hasCode(notebook: Notebook): boolean {
  return notebook.cells.some((cell) => cell.cell_type === "code");
}

/**
 * The notebook as its page shows it. Solution pages keep the outputs, minus the
 * inline plotly bundle (or the runner's note that it was left out): pages load
 * the bundle from one shared file instead. Learner pages show no outputs,
 * because learner notebooks are never saved with outputs, and say so.
 */
export function pageNotebook(notebook: Notebook, context: PageContext): Notebook {
  const cells = notebook.cells.map((cell): NotebookCell => {
    if (cell.cell_type !== "code") return cell;
    const outputs = context.version === "learner" ? [] : (cell.outputs ?? []).filter((output) => !carriesPlotlyBundle(output as Output));
    return { ...cell, outputs, execution_count: context.version === "learner" ? null : cell.execution_count ?? null };
  });
  const languageInfo = (notebook.metadata.language_info as Record<string, unknown> | undefined) ?? { name: "typescript" };
  return {
    ...notebook,
    cells,
    metadata: {
      ...notebook.metadata,
      // nbconvert picks the syntax highlighter from language_info and the <title> from title.
      language_info: languageInfo,
      title: context.title,
      imdb_course_export: {
        generator: EXPORT_GENERATOR,
        plotly: PLOTLY_FILE,
        stylesheet: STYLESHEET_FILE,
        index: INDEX_FILE,
        previous: context.previous ?? null,
        next: context.next ?? null,
        note: context.version === "learner" ? learnerNote(context.sourceName) : null,
      },
    },
  };
}

function learnerNote(sourceName: string): string {
  return `This is the exercise version of the lesson, shown without outputs: open ${sourceName} in Jupyter and run it to see them and draw its charts.`;
}

function carriesPlotlyBundle(output: Output): boolean {
  const html = output.data?.["text/html"];
  const text = Array.isArray(html) ? html.join("") : typeof html === "string" ? html : "";
  return text.includes(PLOTLY_BUNDLE_ATTRIBUTE);
}
