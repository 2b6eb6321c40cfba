/**
 * The process the TypeScript step runs in (started by compile-service.ts):
 * type-checking a learner's cells is work on untrusted input that can take
 * any time and memory (a type-level bomb), so it runs here, bounded, and not
 * in the grader. It compiles one notebook's modules per request and keeps the
 * parsed libraries between requests.
 */
import { compileExerciseModules, type CompileResult, type ExerciseModule } from "./compile";

export interface CompileRequest {
  id: number;
  modules: ExerciseModule[];
}

export interface CompileResponse {
  id: number;
  results: Array<[string, CompileResult]>;
}

process.on("message", (request: CompileRequest) => {
  const results = compileExerciseModules(request.modules);
  process.send?.({ id: request.id, results: [...results] } satisfies CompileResponse);
});
