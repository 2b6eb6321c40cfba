/**
 * `npm run notebooks -- [--out DIR] [--timeout SECONDS] FILES…`
 *
 * Executes notebooks with the project's tslab kernel: builds lib/ (what the
 * notebooks import), writes the kernel spec, then hands over to
 * run_notebooks.py, which drives the kernel through nbclient.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { buildLib, findPython, INSTALL_JUPYTER_HINT, jupyterEnv, writeKernelSpec } from "./jupyter-env";

function main(): number {
  const args = process.argv.slice(2);
  if (args.filter((a) => a.endsWith(".ipynb")).length === 0) {
    console.error("Usage: npm run notebooks -- [--out DIR] [--timeout SECONDS] NOTEBOOK.ipynb…");
    return 2;
  }
  const python = findPython(["nbclient", "nbformat"]);
  if (python === undefined) {
    console.error(`No Python with nbclient was found, so notebooks cannot run.\n${INSTALL_JUPYTER_HINT}`);
    return 2;
  }
  buildLib();
  writeKernelSpec();
  const runner = path.join(__dirname, "run_notebooks.py");
  const result = spawnSync(python, [runner, ...args], { stdio: "inherit", env: jupyterEnv() });
  return result.status ?? 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
