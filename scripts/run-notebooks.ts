/**
 * `npm run notebooks -- [--out DIR] [--timeout SECONDS] [--learner] [--charts-only] FILES…`
 *
 * Executes notebooks with the project's tslab kernel: builds lib/ (what the
 * notebooks import), writes the kernel spec, then hands over to
 * run_notebooks.py, which drives the kernel through nbclient. Afterwards each
 * written notebook's charts get a static image (chart-images.ts), rendered
 * with headless Chromium where it exists. `--charts-only` skips execution and
 * only refreshes the charts of notebooks that already have outputs.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { childExit, runMain, UsageError } from "./cli";
import { openChartRenderer, refreshChartOutputs, type ChartRenderer } from "./chart-images";
import { buildLib, findPython, INSTALL_JUPYTER_HINT, jupyterEnv, writeKernelSpec } from "./jupyter-env";

const USAGE = "Usage: npm run notebooks -- [--out DIR] [--timeout SECONDS] [--learner] [--charts-only] NOTEBOOK.ipynb…";

async function main(args: string[]): Promise<number> {
  const notebooks = args.filter((a) => a.endsWith(".ipynb"));
  if (notebooks.length === 0) throw new UsageError("Name at least one notebook (.ipynb) to run.");
  const outIndex = args.indexOf("--out");
  const out = outIndex >= 0 ? args[outIndex + 1] : undefined;
  const written = notebooks.map((file) => (out ? path.join(out, path.basename(file)) : file));
  let status = 0;
  if (args.includes("--charts-only")) {
    if (out) throw new UsageError("--charts-only rewrites notebooks in place; it takes no --out.");
  } else {
    const python = findPython(["nbclient", "nbformat"]);
    if (python === undefined) {
      console.error(`No Python with nbclient was found, so notebooks cannot run.\n${INSTALL_JUPYTER_HINT}`);
      return 2;
    }
    buildLib();
    writeKernelSpec();
    const runner = path.join(__dirname, "run_notebooks.py");
    status = await childExit(spawn(python, [runner, ...args], { stdio: "inherit", env: jupyterEnv() }));
  }
  await addChartImages(written.filter((file) => existsSync(file)));
  return status;
}

async function addChartImages(files: string[]): Promise<void> {
  let opening: Promise<ChartRenderer | string> | undefined;
  const renderer = async () => {
    const opened = await (opening ??= openChartRenderer());
    return typeof opened === "string" ? undefined : opened;
  };
  try {
    for (const file of files) {
      const { charts, images } = await refreshChartOutputs(file, renderer);
      if (charts === 0) continue;
      const opened = await opening;
      console.log(typeof opened === "string" ? `CHARTS ${file}: ${charts} charts without a static image: ${opened}.` : `CHARTS ${file}: ${images} static images rendered with Chromium.`);
    }
  } finally {
    const opened = await opening;
    if (opened !== undefined && typeof opened !== "string") await opened.close();
  }
}

runMain(main, { usage: USAGE });
