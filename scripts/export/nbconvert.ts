/**
 * Notebook to HTML with Jupyter's nbconvert and the course's offline page
 * template (templates/imdb-course-offline, built on nbconvert's lab template).
 * Instructor tooling for `npm run export`; no lesson teaches it.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { childExit } from "../cli";
import { findPython, INSTALL_JUPYTER_HINT, jupyterEnv } from "../jupyter-env";

const TEMPLATE_BASE = path.join(__dirname, "templates");
const TEMPLATE_NAME = "imdb-course-offline";

// The stylesheets nbconvert's lab template inlines into every page; the export writes them once instead.
const LAB_STYLESHEETS = `
import os, sys
from nbconvert.exporters import HTMLExporter
for folder in HTMLExporter(template_name="lab").template_paths:
    files = [os.path.join(folder, "static", name) for name in ("index.css", "theme-light.css")]
    if all(os.path.isfile(f) for f in files):
        sys.stdout.write("\\n".join(open(f, encoding="utf-8").read() for f in files))
        sys.exit(0)
sys.exit("nbconvert's lab template has no static/index.css and static/theme-light.css")
`;

/** A Python that has nbconvert, or an error saying how to install it. */
export function nbconvertPython(): string {
  const python = findPython(["nbconvert"]);
  if (python === undefined) throw new Error(`No Python with nbconvert was found, so notebooks cannot be turned into HTML.\n${INSTALL_JUPYTER_HINT}`);
  return python;
}

/** Writes `<outDir>/<name>.html` for each notebook `<name>.ipynb`, in one nbconvert run. */
export async function convertToHtml(python: string, notebooks: readonly string[], outDir: string): Promise<void> {
  const nbconvert = spawn(
    python,
    [
      "-m", "nbconvert", "--to", "html", "--log-level", "WARN",
      "--template", TEMPLATE_NAME, `--TemplateExporter.extra_template_basedirs=${TEMPLATE_BASE}`,
      "--output-dir", outDir, ...notebooks,
    ],
    { stdio: ["ignore", "ignore", "pipe"], env: jupyterEnv() },
  );
  let stderr = "";
  nbconvert.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const code = await childExit(nbconvert);
  if (code !== 0) throw new Error(`nbconvert failed (exit ${code}):\n${stderr}`);
}

/** JupyterLab's stylesheet as nbconvert's lab template ships it (light theme). */
export function jupyterLabStylesheet(python: string): string {
  const result = spawnSync(python, ["-c", LAB_STYLESHEETS], { encoding: "utf8", env: jupyterEnv(), maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`Could not read nbconvert's lab stylesheet:\n${result.stderr}`);
  return result.stdout;
}
