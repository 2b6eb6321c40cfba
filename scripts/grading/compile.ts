/**
 * Turning a learner's exercise cell into a module the checks can call: the
 * lesson's imports, then the cell, then `export { … }` of the names the checks
 * need. It is type-checked the way tslab checks a cell (not strict, ES2022,
 * CommonJS, esModuleInterop), so an answer that runs in the learner's notebook
 * compiles here, and one that tslab would refuse is reported as such, with a
 * position counted in the cell's own lines.
 */
import path from "node:path";
import ts from "typescript";
import { PROJECT_ROOT } from "../jupyter-env";

/** Where the virtual exercise modules pretend to live: inside the project, so its node_modules resolve. */
const VIRTUAL_DIR = path.join(PROJECT_ROOT, "submission");

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  resolveJsonModule: true,
  experimentalDecorators: true,
  skipLibCheck: true,
  types: ["node"],
  // The course library is checked and run from its sources, so grading never
  // depends on lib/dist being rebuilt after a change.
  baseUrl: PROJECT_ROOT,
  paths: { "imdb-course": ["lib/index.ts"] },
  inlineSourceMap: true,
  inlineSources: true,
  newLine: ts.NewLineKind.LineFeed,
};

export interface ExerciseModule {
  /** Path of the virtual .ts file (also the name stack traces use). */
  fileName: string;
  text: string;
  /** Lines before the cell's first line in `text`. */
  cellLineOffset: number;
}

export type PrepareResult = { module: ExerciseModule; problem?: undefined } | { module?: undefined; problem: string };

/** The virtual file name for one exercise of one notebook. */
export function exerciseFileName(exerciseId: string): string {
  return path.join(VIRTUAL_DIR, `${exerciseId.replace(/[^\w.-]/g, "_")}.ts`);
}

/** Builds the module text, or says which required name the cell no longer defines. */
export function prepareExerciseModule(prelude: string, cellSource: string, exports: readonly string[], fileName: string): PrepareResult {
  const cell = ts.createSourceFile(fileName, cellSource, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const { declared, exported } = topLevelNames(cell);
  const missing = exports.filter((name) => !declared.has(name));
  if (missing.length > 0) {
    const list = missing.map((n) => `\`${n}\``).join(", ");
    return { problem: `the exercise cell does not define ${list} at its top level; keep the name${missing.length > 1 ? "s" : ""} the exercise gives` };
  }
  const preludeText = preludeFor(prelude, declared, identifiersIn(cell));
  const toExport = exports.filter((name) => !exported.has(name));
  const exportLine = toExport.length > 0 ? `\nexport { ${toExport.join(", ")} };\n` : "\n";
  const head = preludeText === "" ? "" : `${preludeText}\n`;
  return { module: { fileName, text: `${head}${cellSource}${exportLine}`, cellLineOffset: lineCount(head) } };
}

function lineCount(text: string): number {
  return text === "" ? 0 : text.split("\n").length - 1;
}

/** Value names a source declares at its top level, and those it already exports. */
export function topLevelNames(source: ts.SourceFile): { declared: Set<string>; exported: Set<string> } {
  const declared = new Set<string>();
  const exported = new Set<string>();
  const addBinding = (name: ts.BindingName, isExported: boolean): void => {
    if (ts.isIdentifier(name)) {
      declared.add(name.text);
      if (isExported) exported.add(name.text);
      return;
    }
    for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name, isExported);
  };
  for (const statement of source.statements) {
    const isExported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name) {
      addBinding(statement.name, isExported);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name, isExported);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) declared.add(clause.name.text);
      if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) declared.add(clause.namedBindings.name.text);
      if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) for (const el of clause.namedBindings.elements) declared.add(el.name.text);
    } else if (ts.isImportEqualsDeclaration(statement)) {
      declared.add(statement.name.text);
    } else if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const el of statement.exportClause.elements) exported.add(el.name.text);
    }
  }
  return { declared, exported };
}

/**
 * The import declarations of a lesson's code cells, in order: what every cell
 * of the learner's notebook can use once the imports cell has run.
 */
export function lessonImports(cellSources: readonly string[]): string {
  const imports: string[] = [];
  for (const text of cellSources) {
    const source = ts.createSourceFile("cell.ts", text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
    for (const statement of source.statements) {
      if (ts.isImportDeclaration(statement) || ts.isImportEqualsDeclaration(statement)) imports.push(statement.getText(source));
    }
  }
  return imports.join("\n");
}

/** Every identifier written in a source (a superset of the names it uses). */
function identifiersIn(source: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) names.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * The prelude's import bindings that the cell uses, except those it declares
 * itself (a learner who repeats `import * as tf from "@tensorflow/tfjs"` in the
 * cell, as tslab allows, must not get a duplicate-identifier error), each name
 * once (two cells of a lesson may import the same name). Leaving out unused
 * imports changes nothing at run time (TypeScript drops them from the output)
 * and spares the type check the libraries a cell does not touch, which is most
 * of its time.
 */
function preludeFor(prelude: string, declaredByCell: ReadonlySet<string>, usedByCell: ReadonlySet<string>): string {
  const source = ts.createSourceFile("prelude.ts", prelude, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const taken = new Set(declaredByCell);
  const take = (name: ts.Identifier | undefined): ts.Identifier | undefined => {
    if (!name || taken.has(name.text) || !usedByCell.has(name.text)) return undefined;
    taken.add(name.text);
    return name;
  };
  const kept: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportEqualsDeclaration(statement)) {
      if (take(statement.name)) kept.push(statement.getText(source));
      continue;
    }
    if (!ts.isImportDeclaration(statement) || !statement.importClause) continue;
    const clause = statement.importClause;
    const defaultName = take(clause.name);
    let bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings) && !take(bindings.name)) bindings = undefined;
    if (bindings && ts.isNamedImports(bindings)) {
      const elements = bindings.elements.filter((el) => take(el.name) !== undefined);
      bindings = elements.length > 0 ? ts.factory.updateNamedImports(bindings, elements) : undefined;
    }
    if (!defaultName && !bindings) continue;
    const updated = ts.factory.updateImportDeclaration(
      statement,
      statement.modifiers,
      ts.factory.updateImportClause(clause, clause.isTypeOnly, defaultName, bindings),
      statement.moduleSpecifier,
      statement.attributes,
    );
    kept.push(printer.printNode(ts.EmitHint.Unspecified, updated, source));
  }
  return kept.join("\n");
}

export type CompileResult = { js: string; problem?: undefined } | { js?: undefined; problem: string };

// Parsed library files (tfjs' declarations alone take seconds) are reused by
// every program this process builds; only the virtual modules change.
const sourceFileCache = new Map<string, ts.SourceFile>();

/**
 * Type-checks and compiles the modules of one notebook in one program (one
 * parse of the libraries for all its exercises). Each module gets either its
 * JavaScript or the first few diagnostics, positioned in the cell.
 */
export function compileExerciseModules(modules: readonly ExerciseModule[]): Map<string, CompileResult> {
  const virtual = new Map(modules.map((m) => [m.fileName, m]));
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const baseGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError) => {
    const module = virtual.get(fileName);
    if (module) return ts.createSourceFile(fileName, module.text, languageVersion, true, ts.ScriptKind.TS);
    const cached = sourceFileCache.get(fileName);
    if (cached) return cached;
    const parsed = baseGetSourceFile(fileName, languageVersion, onError);
    if (parsed) sourceFileCache.set(fileName, parsed);
    return parsed;
  };
  const baseFileExists = host.fileExists.bind(host);
  host.fileExists = (fileName) => virtual.has(fileName) || baseFileExists(fileName);
  const baseReadFile = host.readFile.bind(host);
  host.readFile = (fileName) => virtual.get(fileName)?.text ?? baseReadFile(fileName);

  const program = ts.createProgram({ rootNames: [...virtual.keys()], options: COMPILER_OPTIONS, host });
  const results = new Map<string, CompileResult>();
  for (const module of modules) {
    const sourceFile = program.getSourceFile(module.fileName);
    if (!sourceFile) throw new Error(`TypeScript did not load the virtual module ${module.fileName}`);
    const syntax = program.getSyntacticDiagnostics(sourceFile);
    const diagnostics = syntax.length > 0 ? syntax : program.getSemanticDiagnostics(sourceFile);
    if (diagnostics.length > 0) {
      results.set(module.fileName, { problem: describeDiagnostics(diagnostics, module, syntax.length > 0 ? "syntax error" : "type error") });
      continue;
    }
    let js: string | undefined;
    program.emit(sourceFile, (name, text) => {
      if (name.endsWith(".js")) js = text;
    });
    results.set(module.fileName, js === undefined ? { problem: "TypeScript produced no JavaScript for the cell" } : { js });
  }
  return results;
}

const SHOWN_DIAGNOSTICS = 3;

function describeDiagnostics(diagnostics: readonly ts.Diagnostic[], module: ExerciseModule, kind: string): string {
  const lines = diagnostics.slice(0, SHOWN_DIAGNOSTICS).map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, " ");
    const hint = d.code === 2304 ? " (an exercise cell can use the lesson's imports and its own definitions, not names from other cells)" : "";
    return `${kind} at ${cellPosition(d, module)}: ${message}${hint}`;
  });
  const more = diagnostics.length - SHOWN_DIAGNOSTICS;
  return lines.join("\n") + (more > 0 ? `\n(and ${more} more)` : "");
}

/** "line 3, column 7 of the exercise cell", or where else in the module the position is. */
function cellPosition(diagnostic: ts.Diagnostic, module: ExerciseModule): string {
  if (!diagnostic.file || diagnostic.start === undefined) return "the exercise cell";
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  const cellLine = line - module.cellLineOffset + 1;
  if (cellLine < 1) return "the lesson's imports";
  return `line ${cellLine}, column ${character + 1} of the exercise cell`;
}
