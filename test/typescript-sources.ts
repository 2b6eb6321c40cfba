/** The TypeScript sources under a folder, for tests that read the code itself. */
import { readdirSync } from "node:fs";
import path from "node:path";

/** Every .ts file under `dir`, leaving out compiled output (dist) and installed packages. */
export function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "dist" || entry.name === "node_modules" ? [] : typeScriptFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}
