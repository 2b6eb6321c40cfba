/** Where a sandbox loads the course library ("imdb-course") from. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../jupyter-env";

/** lib/, bound read-only into every sandbox. */
export const LIBRARY_SOURCES = path.join(PROJECT_ROOT, "lib");

let libraryEntry: string | undefined | null = null;

/**
 * Where the sandbox loads "imdb-course" from: its compiled lib/dist (fast)
 * when that is newer than every source, else the sources themselves.
 */
export function courseLibraryEntry(): string | undefined {
  if (libraryEntry !== null) return libraryEntry;
  let built = 0;
  try {
    built = statSync(path.join(LIBRARY_SOURCES, "dist", ".tsbuildinfo")).mtimeMs;
  } catch {
    built = 0;
  }
  const newest = (dir: string): number => {
    let latest = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && !["dist", "node_modules", "build"].includes(entry.name)) latest = Math.max(latest, newest(full));
      else if (entry.isFile() && entry.name.endsWith(".ts")) latest = Math.max(latest, statSync(full).mtimeMs);
    }
    return latest;
  };
  libraryEntry = built > newest(LIBRARY_SOURCES) ? undefined : path.join(LIBRARY_SOURCES, "index.ts");
  return libraryEntry;
}
