/**
 * `npm start [-- JUPYTER OPTIONS…]`
 *
 * Opens the course in JupyterLab where it is installed, otherwise in the
 * classic notebook, with the project's tslab kernel registered and the setup
 * notebook open. Extra options go to Jupyter (e.g. `--no-browser --port 8899`).
 */
import { spawn } from "node:child_process";
import { buildLib, findPython, INSTALL_JUPYTER_HINT, jupyterEnv, PROJECT_ROOT, writeKernelSpec } from "./jupyter-env";

const FRONT_ENDS = [
  { module: "jupyterlab", label: "JupyterLab", open: "lab/tree/notebooks/00-setup.ipynb" },
  { module: "notebook", label: "the classic Jupyter notebook", open: "notebooks/notebooks/00-setup.ipynb" },
] as const;

function main(): void {
  for (const frontEnd of FRONT_ENDS) {
    const python = findPython([frontEnd.module]);
    if (python === undefined) continue;
    buildLib();
    const kernelSpec = writeKernelSpec();
    console.log(`Opening the course in ${frontEnd.label} (${python} -m ${frontEnd.module}); tslab kernel spec: ${kernelSpec}`);
    const args = ["-m", frontEnd.module, `--ServerApp.default_url=/${frontEnd.open}`, `--NotebookApp.default_url=/${frontEnd.open}`];
    // Jupyter refuses to start as root without this; containers often run as root.
    if (process.getuid?.() === 0) args.push("--allow-root");
    const child = spawn(python, [...args, ...process.argv.slice(2)], { cwd: PROJECT_ROOT, stdio: "inherit", env: jupyterEnv() });
    child.on("exit", (code) => (process.exitCode = code ?? 0));
    return;
  }
  console.error(`Jupyter is not installed (no Python on this machine can import jupyterlab or notebook).\n${INSTALL_JUPYTER_HINT}`);
  process.exitCode = 1;
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
