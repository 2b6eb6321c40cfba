/**
 * The notebook that nbconvert turns into one exported page: what is shown
 * (outputs or not), without the inline plotly bundle, plus what the page
 * template needs in `metadata.imdb_course_export` (instructor tooling for
 * `npm run export`; no lesson teaches it).
 */
import { PLOTLY_BUNDLE_ATTRIBUTE } from "../../lib/display/charts";
import type { Notebook, NotebookCell } from "../learner-notebook";
import { summaryOutputs } from "./model-summary";

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
  /** The live demo page, linked from every page's navigation when the export has one. */
  demo?: PageLink;
}

interface Output {
  output_type?: string;
  name?: string;
  text?: string | string[];
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
    const outputs = context.version === "learner" ? [] : readableOutputs((cell.outputs ?? []).filter((output) => !carriesPlotlyBundle(output as Output)) as Output[]);
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
        demo: context.demo ?? null,
        note: context.version === "learner" ? learnerNote(context.sourceName) : null,
      },
    },
  };
}

/**
 * Outputs as the page shows them: consecutive prints to one stream as one
 * block (tslab sends every line as its own output), and tfjs' model summaries
 * as tables (model-summary.ts).
 */
function readableOutputs(outputs: readonly Output[]): Output[] {
  const merged: Output[] = [];
  for (const output of outputs) {
    const previous = merged[merged.length - 1];
    if (output.output_type === "stream" && previous?.output_type === "stream" && previous.name === output.name) {
      merged[merged.length - 1] = { ...previous, text: streamText(previous) + streamText(output) };
    } else merged.push(output);
  }
  return merged.flatMap((output) => {
    const parts = output.output_type === "stream" && output.name === "stdout" ? summaryOutputs(streamText(output)) : undefined;
    if (parts === undefined) return [output];
    return parts.map((part): Output => part.kind === "text"
      ? { ...output, text: part.text }
      : { output_type: "display_data", data: { "text/html": part.html }, metadata: {} } as Output);
  });
}

function streamText(output: Output): string {
  return Array.isArray(output.text) ? output.text.join("") : output.text ?? "";
}

function learnerNote(sourceName: string): string {
  return `This is the exercise version of the lesson, shown without outputs: open ${sourceName} in Jupyter and run it to see them and draw its charts.`;
}

function carriesPlotlyBundle(output: Output): boolean {
  const html = output.data?.["text/html"];
  const text = Array.isArray(html) ? html.join("") : typeof html === "string" ? html : "";
  return text.includes(PLOTLY_BUNDLE_ATTRIBUTE);
}
