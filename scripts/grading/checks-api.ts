/**
 * What a lesson's checks file (test/grading/<slug>.ts) declares: for each
 * exercise, the names its cell must define and a function that throws
 * (node:assert/strict) when the learner's code breaks the exercise's contract.
 * Points, and the imports an exercise cell can use, come from the solution
 * notebook, not from here, so a lesson author changes them in one place.
 */

export interface ExerciseCheck {
  /** Top-level names (functions, constants, classes) the exercise cell defines and the check calls. */
  readonly exports: readonly string[];
  /**
   * Runs the learner's definitions on hand-computed cases. Throwing an
   * AssertionError marks the exercise failed (its message is shown to the
   * learner); any other error marks it as an error.
   */
  check(defined: Record<string, unknown>): void | Promise<void>;
}

export interface LessonChecks {
  /** Names the solution notebook (solutions/<slug>.ipynb) and matches the notebook's `imdb_course.slug`. */
  readonly slug: string;
  /** Keyed by exercise id (the cell's `metadata.nbgrader.grade_id`). */
  readonly exercises: Readonly<Record<string, ExerciseCheck>>;
}

/** An exercise check whose definitions are typed: the names listed are the keys of `Defined`. */
export function exercise<Defined extends Record<string, unknown>>(
  exports: ReadonlyArray<keyof Defined & string>,
  check: (defined: Defined) => void | Promise<void>,
): ExerciseCheck {
  return { exports, check: (defined) => check(defined as Defined) };
}
