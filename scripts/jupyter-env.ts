/**
 * What the course's scripts need to talk to Jupyter on this machine: a Python
 * that has Jupyter, and a kernel spec for tslab that lives inside the project
 * (generated here, never committed, because it holds absolute paths).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { writeFileAtomic } from "../lib/util/files";

export const PROJECT_ROOT = path.resolve(__dirname, "..");
/** Folder that JUPYTER_PATH points at; kernels/tslab/kernel.json lives below it. */
const JUPYTER_DATA_DIR = path.join(PROJECT_ROOT, ".jupyter", "share", "jupyter");
const KERNEL_NAME = "tslab";

// Debian's Jupyter runs under /usr/bin/python3, which may not be the python3
// first on PATH (pyenv, conda); a pip install puts Jupyter on PATH's python.
const PYTHON_CANDIDATES = process.platform === "win32" ? ["python", "py"] : ["/usr/bin/python3", "python3", "python"];

/** First Python that can import every module named, or undefined. `COURSE_PYTHON` names the only one to try. */
export function findPython(modules: readonly string[]): string | undefined {
  const probe = modules.map((m) => `import ${m}`).join("; ");
  const candidates = process.env.COURSE_PYTHON ? [process.env.COURSE_PYTHON] : PYTHON_CANDIDATES;
  return candidates.find((python) => spawnSync(python, ["-c", probe], { stdio: "ignore" }).status === 0);
}

/** How to get Jupyter, for messages shown where it is missing. */
export const INSTALL_JUPYTER_HINT =
  "Install Jupyter, then run the command again:\n" +
  "  - on a laptop: `pip install jupyterlab` (or `pip install notebook nbclient`)\n" +
  "  - on Debian/Ubuntu: `sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient`\n" +
  "  - a Python elsewhere: set COURSE_PYTHON=/path/to/python";

/**
 * Writes the project's tslab kernel spec. The kernel runs this project's tslab
 * with the Node that runs this script, so no PATH change is needed and a
 * globally installed tslab cannot shadow it (JUPYTER_PATH comes first).
 */
export function writeKernelSpec(): string {
  const dir = path.join(JUPYTER_DATA_DIR, "kernels", KERNEL_NAME);
  const spec = {
    argv: [process.execPath, path.join(PROJECT_ROOT, "node_modules", "tslab", "bin", "tslab"), "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript (tslab)",
    language: "typescript",
  };
  const file = path.join(dir, "kernel.json");
  writeFileAtomic(file, [Buffer.from(JSON.stringify(spec, null, 2) + "\n")]);
  return file;
}

/** Environment for Jupyter processes: the project's kernel spec first, quiet debugger warnings. */
export function jupyterEnv(): NodeJS.ProcessEnv {
  const existing = process.env.JUPYTER_PATH;
  return {
    ...process.env,
    JUPYTER_PATH: existing ? `${JUPYTER_DATA_DIR}${path.delimiter}${existing}` : JUPYTER_DATA_DIR,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
}

/** Compiles lib/ to lib/dist (incremental), which is what notebooks import as "imdb-course". */
export function buildLib(): void {
  const tsc = path.join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc");
  // Build mode checks timestamps first: 0.2-0.6 s when lib/ is up to date, against 3-4 s for -p.
  const result = spawnSync(process.execPath, [tsc, "-b", path.join(PROJECT_ROOT, "lib")], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("Compiling lib/ failed (see the TypeScript errors above); notebooks cannot import it until it compiles.");
}
