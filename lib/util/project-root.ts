/**
 * The project's root folder, for every path the library writes to or reads
 * from inside the project (the data cache, saved models, projector files).
 */
import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The project's root folder, found from this file's own location (lib/util/
 * in sources, lib/dist/util/ once compiled), not from the working directory,
 * which is notebooks/ or solutions/ inside a notebook.
 */
export function projectRoot(): string {
  // Found once: every cache path, lock and saved model starts here.
  root ??= findProjectRoot();
  return root;
}

let root: string | undefined;

function findProjectRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && readPackageName(manifest) === "imdb-course") return path.dirname(dir);
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find the course library's package.json (name "imdb-course") above ${__dirname}; is lib/ still inside the project?`);
    }
    dir = parent;
  }
}

function readPackageName(manifest: string): unknown {
  try {
    return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: unknown }).name;
  } catch {
    return undefined;
  }
}
