/**
 * `npm start [-- JUPYTER OPTIONS…]`
 *
 * Opens the course in JupyterLab where it is installed, otherwise in the
 * classic notebook, with the project's tslab kernel registered and the setup
 * notebook open. Extra options go to Jupyter (e.g. `--no-browser --port 8899`).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { isErrnoException } from "../lib/util/errors";
import { childExit, runMain } from "./cli";
import { buildLib, findPython, INSTALL_JUPYTER_HINT, jupyterEnv, PROJECT_ROOT, writeKernelSpec } from "./jupyter-env";

const FRONT_ENDS = [
  { module: "jupyterlab", label: "JupyterLab", open: "lab/tree/notebooks/00-setup.ipynb" },
  { module: "notebook", label: "the classic Jupyter notebook", open: "notebooks/notebooks/00-setup.ipynb" },
] as const;

const PARENT_CHECK_MS = 1000;

/** Jupyter's exit code, once it has shut down. */
async function main(jupyterArgs: string[]): Promise<number> {
  for (const frontEnd of FRONT_ENDS) {
    const python = findPython([frontEnd.module]);
    if (python === undefined) continue;
    buildLib();
    const kernelSpec = writeKernelSpec();
    console.log(`Opening the course in ${frontEnd.label} (${python} -m ${frontEnd.module}); tslab kernel spec: ${kernelSpec}`);
    const args = ["-m", frontEnd.module, `--ServerApp.default_url=/${frontEnd.open}`, `--NotebookApp.default_url=/${frontEnd.open}`];
    // Jupyter refuses to start as root without this; containers often run as root.
    if (process.getuid?.() === 0) args.push("--allow-root");
    const jupyter = spawn(python, [...args, ...jupyterArgs], { cwd: PROJECT_ROOT, stdio: "inherit", env: jupyterEnv() });
    return stopJupyterWithThisProcess(jupyter);
  }
  throw new Error(`Jupyter is not installed (no Python on this machine can import jupyterlab or notebook).\n${INSTALL_JUPYTER_HINT}`);
}

/**
 * Stops Jupyter (and so its kernels) when this process is asked to stop; the
 * exit code once it has shut down. Without this, whoever stops `npm start` other
 * than with Ctrl-C at a terminal, which signals the whole process group (an
 * IDE, a process manager, a test), leaves the server and its kernels running.
 *
 * Two ways in: SIGINT, SIGTERM or SIGHUP sent to this process; and this
 * process losing its parent, because npm runs the script through `sh -c` and
 * passes SIGINT and SIGTERM to that shell only, which dies of them.
 *
 * Jupyter gets SIGTERM whatever the cause: on SIGTERM it shuts its kernels
 * down and exits, while a single SIGINT with a terminal on stdin only asks
 * "Shutdown this notebook server?" and resumes after 5 s, and SIGHUP kills it
 * without stopping its kernels.
 */
async function stopJupyterWithThisProcess(jupyter: ChildProcess): Promise<number> {
  const parent = process.ppid;
  const parentWatch = setInterval(() => {
    if (!isRunning(parent) && jupyter.exitCode === null && jupyter.signalCode === null) jupyter.kill("SIGTERM");
  }, PARENT_CHECK_MS);
  try {
    return await childExit(jupyter, "SIGTERM");
  } finally {
    clearInterval(parentWatch);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return isErrnoException(error, "EPERM");
  }
}

runMain(main);
