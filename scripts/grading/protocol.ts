/** Messages between the grader and the process one exercise runs in (see child.ts, run-exercise.ts). */

export type ExerciseStatus = "passed" | "failed" | "error";

/** What the grader sends the child: everything needed to grade one exercise. */
export interface ExerciseJob {
  /** The lesson's checks file (test/grading/<slug>.ts). */
  checksPath: string;
  exerciseId: string;
  /** The compiled exercise module (CommonJS, inline source map). */
  js: string;
  /** The virtual file name the module was compiled as; stack traces name it. */
  fileName: string;
  /** Lines of the module before the cell's first line. */
  cellLineOffset: number;
}

export type ChildMessage =
  /** The checks are loaded; the learner's code runs next (the time limit starts here). */
  | { type: "ready" }
  | { type: "result"; status: ExerciseStatus; message?: string };
