/**
 * Exercises in a live notebook: a check that reports instead of stopping Run
 * All, and a way for later cells to go on with the course's reference answer
 * while an exercise is unsolved. Graders never use these: they run their own
 * checks on the exercise cells (scripts/grading/).
 */
import { AssertionError } from "node:assert";

/** What the learner's copy of an exercise throws until it is solved (scripts/learner-notebook.ts writes the stub). */
export function notSolvedMessage(exerciseId: string): string {
  return `Exercise "${exerciseId}" is not implemented yet: replace this line with your code.`;
}

const NOT_SOLVED = /^Exercise "([^"]+)" is not implemented yet/;

/** The exercise id when `error` is an unsolved exercise's stub, otherwise undefined. */
export function unsolvedExercise(error: unknown): string | undefined {
  return error instanceof Error ? NOT_SOLVED.exec(error.message)?.[1] : undefined;
}

/**
 * Runs an exercise's check cell: `body` calls the learner's code and asserts on
 * it. Prints one line for the outcome, without throwing, so Run All goes on to
 * the end of the lesson (and returns nothing, so tslab shows nothing more):
 *   ✓ Exercise "l3-pad-sequence": correct.
 *   ✗ Exercise "l3-pad-sequence": padSequence([5, 6], 4) should be [0, 0, 5, 6], got [5, 6, 0, 0]
 *   ○ Exercise "l3-pad-sequence" is not solved yet: write your code where the cell says; the Hint below the task helps.
 */
export async function check(exerciseId: string, body: () => void | Promise<void>, print: (line: string) => void = console.log): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (unsolvedExercise(error) !== undefined) {
      print(`○ Exercise "${exerciseId}" is not solved yet: write your code in the exercise cell above; the Hint under the task helps.`);
      return;
    }
    // Node appends an actual/expected diff to assertion messages; the check's own first line says it better.
    const message = error instanceof AssertionError ? error.message.split("\n")[0] : `your code threw ${describe(error)}`;
    print(`✗ Exercise "${exerciseId}": ${message}`);
    return;
  }
  print(`✓ Exercise "${exerciseId}": correct.`);
}

/**
 * The learner's function while it works, the course's reference answer while
 * the exercise is unsolved, so the cells after an exercise still run and teach:
 *
 *     const model = answerOrReference(buildEmbeddingMlp, lesson3.buildEmbeddingMlp)();
 *
 * Says once, in the cell's output, when the reference is used.
 */
export function answerOrReference<Args extends unknown[], Result>(answer: (...args: Args) => Result, reference: (...args: Args) => Result, print: (line: string) => void = console.log): (...args: Args) => Result {
  let told = false;
  return (...args: Args): Result => {
    try {
      return answer(...args);
    } catch (error) {
      const exerciseId = unsolvedExercise(error);
      if (exerciseId === undefined) throw error;
      if (!told) print(`(Exercise "${exerciseId}" is not solved yet: this cell uses the course's reference answer instead.)`);
      told = true;
      return reference(...args);
    }
  };
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message.split("\n")[0]}`;
  return String(error);
}
