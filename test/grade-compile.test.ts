/**
 * How an exercise cell becomes a module: the lesson's imports before it (minus
 * what the cell declares, each name once), `export { … }` after it, and
 * diagnostics positioned in the cell's own lines.
 */
import { describe, expect, it } from "vitest";
import { compileExerciseModules, exerciseFileName, lessonImports, prepareExerciseModule } from "../scripts/grading/compile";

describe("lessonImports", () => {
  it("collects the import declarations of every cell, in order, and nothing else", () => {
    const cells = ['import * as tf from "@tensorflow/tfjs";\nconst backend = 1;', "# not code", 'import { initBackend } from "imdb-course";\nimport fs = require("fs");'];
    expect(lessonImports(cells)).toBe('import * as tf from "@tensorflow/tfjs";\nimport { initBackend } from "imdb-course";\nimport fs = require("fs");');
  });
});

describe("prepareExerciseModule", () => {
  const file = exerciseFileName("ex 1");

  it("puts the imports the cell uses first, each name once, leaves out those the cell declares, and exports what the checks need", () => {
    const prelude = 'import * as tf from "@tensorflow/tfjs";\nimport { a, b } from "m";\nimport { b, c } from "n";\nimport d from "o";\nimport { unused } from "p";';
    const cell = 'import * as tf from "@tensorflow/tfjs";\nconst c = 1;\nfunction f() { return [tf, a, b, c, d]; }';
    const { module } = prepareExerciseModule(prelude, cell, ["f"], file);
    expect(module?.text).toBe(`import { a, b } from "m";\nimport d from "o";\n${cell}\nexport { f };\n`);
    expect(module?.cellLineOffset).toBe(2);
    expect(module?.fileName.endsWith("ex_1.ts")).toBe(true);
  });

  it("does not export twice a name the cell already exports, and says which required names are missing", () => {
    expect(prepareExerciseModule("", "export function f() {}", ["f"], file).module?.text).toBe("export function f() {}\n");
    expect(prepareExerciseModule("", "const [g] = [1];", ["f", "g", "h"], file).problem).toBe(
      "the exercise cell does not define `f`, `h` at its top level; keep the names the exercise gives",
    );
  });
});

describe("compileExerciseModules", () => {
  it("compiles a correct cell to CommonJS and positions errors in the cell, not in the module", () => {
    const prelude = 'import path from "node:path";';
    const ok = prepareExerciseModule(prelude, "function stem(f: string): string {\n  return path.parse(f).name;\n}", ["stem"], exerciseFileName("ok")).module!;
    const unknownName = prepareExerciseModule(prelude, "// uses a name from another cell\nfunction g(): number {\n  return MAXLEN;\n}", ["g"], exerciseFileName("unknown")).module!;
    const results = compileExerciseModules([ok, unknownName]);
    const js = results.get(ok.fileName)?.js ?? "";
    expect(js).toContain('require("node:path")');
    expect(js).toContain("exports.stem = stem");
    expect(results.get(unknownName.fileName)?.problem).toBe(
      "type error at line 3, column 10 of the exercise cell: Cannot find name 'MAXLEN'. (an exercise cell can use the lesson's imports and its own definitions, not names from other cells)",
    );
  });
});
