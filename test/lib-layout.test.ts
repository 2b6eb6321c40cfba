/**
 * lib/'s layout as lib/README.md states it: the layer table says which layer
 * may import which, and no hand-written module of lib/ or scripts/ grows past
 * 350 lines.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { typeScriptFiles } from "./typescript-sources";

const LIB = path.join(__dirname, "..", "lib");
const SCRIPTS = path.join(__dirname, "..", "scripts");
const MAX_LINES = 350;
/** Written by `npm run build:notebooks`, not by hand. */
const GENERATED = path.join(LIB, "models", "lessons");

/** Layer → the layers it may import, from the table in lib/README.md. */
function layerRules(readme: string): Map<string, Set<string>> {
  const rules = new Map<string, Set<string>>();
  for (const line of readme.split("\n")) {
    const row = /^\| `([a-z]+)` \|.*\| ([^|]+) \|$/.exec(line);
    if (!row) continue;
    const allowed = [...row[2].matchAll(/`([a-z]+)`/g)].map((match) => match[1]);
    rules.set(row[1], new Set(allowed));
  }
  return rules;
}

/** Relative module specifiers a TypeScript source imports, statically or not. */
function relativeImports(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']*)["']/gm;
  return [...source.matchAll(pattern)].map((match) => match[1]);
}

/** The layer of a file under lib/: its first folder, or undefined for lib/index.ts. */
function layerOf(file: string): string | undefined {
  const parts = path.relative(LIB, file).split(path.sep);
  return parts.length > 1 ? parts[0] : undefined;
}

interface Module {
  file: string;
  source: string;
}

function layerViolations(modules: Module[], rules: Map<string, Set<string>>): string[] {
  const violations: string[] = [];
  for (const { file, source } of modules) {
    const from = layerOf(file);
    if (from === undefined) continue;
    for (const specifier of relativeImports(source)) {
      const to = layerOf(path.resolve(path.dirname(file), specifier));
      if (to === undefined || to === from) continue;
      if (!rules.get(from)?.has(to)) violations.push(`${path.relative(LIB, file)} (${from}) imports ${specifier} (${to})`);
    }
  }
  return violations;
}

const rules = layerRules(readFileSync(path.join(LIB, "README.md"), "utf8"));
const modules: Module[] = typeScriptFiles(LIB).map((file) => ({ file, source: readFileSync(file, "utf8") }));

describe("lib/ layers", () => {
  it("reads a rule for each of the eight layers from lib/README.md", () => {
    expect([...rules.keys()].sort()).toEqual(["analysis", "backend", "data", "display", "encoding", "models", "training", "util"]);
    expect(rules.get("util")?.size).toBe(0);
    expect([...(rules.get("encoding") ?? [])].sort()).toEqual(["data", "util"]);
  });

  it("puts every module in a layer the README describes", () => {
    const undocumented = modules.map((module) => layerOf(module.file)).filter((layer) => layer !== undefined && !rules.has(layer));
    expect([...new Set(undocumented)]).toEqual([]);
  });

  it("has no import from a layer the README does not allow", () => {
    expect(layerViolations(modules, rules)).toEqual([]);
  });

  it("reports an import upwards, also a dynamic or side-effect one", () => {
    const upward = [
      { file: path.join(LIB, "util", "a.ts"), source: 'import { x } from "../models/predict";\n' },
      { file: path.join(LIB, "data", "b.ts"), source: 'const m = await import("../training/progress");\n' },
      { file: path.join(LIB, "encoding", "c.ts"), source: 'import "../display/charts";\nimport { y } from "./d";\n' },
    ];
    expect(layerViolations(upward, rules)).toEqual([
      "util/a.ts (util) imports ../models/predict (models)",
      "data/b.ts (data) imports ../training/progress (training)",
      "encoding/c.ts (encoding) imports ../display/charts (display)",
    ]);
  });
});

describe("hand-written modules of lib/ and scripts/", () => {
  it(`are at most ${MAX_LINES} lines`, () => {
    const scripts = typeScriptFiles(SCRIPTS).map((file) => ({ file, source: readFileSync(file, "utf8") }));
    const long = [...modules, ...scripts]
      .filter((module) => !module.file.startsWith(GENERATED + path.sep))
      .map((module) => ({ module: path.relative(path.dirname(LIB), module.file), lines: module.source.split("\n").length - 1 }))
      .filter((entry) => entry.lines > MAX_LINES);
    expect(long).toEqual([]);
  });
});
