/**
 * What a lesson's checks file (test/grading/<slug>.ts) declares: for each
 * exercise, the calls the sandbox makes on the learner's top-level definitions
 * (a function name and plain-data arguments) and, for each call, an
 * expectation the grader runs in its own process on what came back. The
 * learner's code never sees an expectation, so it can neither read nor
 * defeat one. Points, and the imports an exercise cell can use, come from the
 * solution notebook, not from here, so a lesson author changes them in one place.
 *
 *     "l3-pad-sequence": exercise<{ padSequence: PadSequence }>((call) =>
 *       cases.map(([args, expected]) =>
 *         call("padSequence", ...args).expect((got) => {
 *           assert.deepEqual(got, expected, `padSequence(…) should be …, got ${show(got)}`);
 *         }),
 *       ),
 *     ),
 *
 * What comes back is data, not the learner's objects: arrays (typed arrays
 * become arrays), plain objects, Map, Set, numbers including NaN, TensorData
 * for a tensor, ModelData for a model (see sandbox/wire.ts and model-checks.ts).
 */
import { AssertionError } from "node:assert";
import type { DecodedOutcome, ExerciseStatus, SandboxReport } from "./protocol";
import { isFunctionData, isModelData, isTensorData } from "./sandbox/wire";

/** An expectation on one call's output; it throws (node:assert, or CheckFailure) when the answer is wrong. */
export type Expectation = (got: unknown, argumentsAfter: readonly unknown[]) => void | Promise<void>;

/** One call the sandbox makes, and what the grader expects of its output. */
export interface CheckedCall {
  readonly fn: string;
  readonly args: readonly unknown[];
  /** Whether the sandbox also sends back the arguments as the call left them. */
  readonly argumentsAfter: boolean;
  readonly expectation: Expectation;
}

export interface ExerciseCheck {
  /** Top-level names the exercise cell must define: every function called. */
  readonly exports: readonly string[];
  readonly calls: readonly CheckedCall[];
}

export interface LessonChecks {
  /** Names the solution notebook (solutions/<slug>.ipynb) and matches the notebook's `imdb_course.slug`. */
  readonly slug: string;
  /** Keyed by exercise id (the cell's `metadata.nbgrader.grade_id`). */
  readonly exercises: Readonly<Record<string, ExerciseCheck>>;
}

/** A wrong answer found by a check that does not use node:assert; its message is shown to the learner. */
export class CheckFailure extends Error {
  override name = "CheckFailure";
}

/** An answer that cannot be judged (a model too large to rebuild, say); its message is shown as an error. */
export class CheckError extends Error {
  override name = "CheckError";
}

export interface CallBuilder {
  /** The expectation on this call's output. */
  expect(expectation: (got: unknown) => void | Promise<void>): CheckedCall;
  /** The expectation on this call's output and on its arguments as the call left them. */
  expectWithArguments(expectation: Expectation): CheckedCall;
}

type Functions = Record<string, (...args: never[]) => unknown>;

export type Call<Defined extends Functions> = <Name extends keyof Defined & string>(fn: Name, ...args: Parameters<Defined[Name]>) => CallBuilder;

/**
 * An exercise: `declare` lists its calls, typed by the learner's functions
 * (`Defined`, name → signature, as the lesson states them).
 */
export function exercise<Defined extends Functions>(declare: (call: Call<Defined>) => CheckedCall[]): ExerciseCheck {
  const call: Call<Defined> = (fn, ...args) => ({
    expect: (expectation) => ({ fn, args, argumentsAfter: false, expectation: (got) => expectation(got) }),
    expectWithArguments: (expectation) => ({ fn, args, argumentsAfter: true, expectation }),
  });
  const calls = declare(call);
  return { calls, exports: [...new Set(calls.map((c) => c.fn))] };
}

export interface Verdict {
  status: ExerciseStatus;
  message?: string;
}

/**
 * Judges what the sandbox sent, call by call in order: the first call that
 * threw is an error, the first output its expectation rejects a failure.
 */
export async function judge(check: ExerciseCheck, report: SandboxReport): Promise<Verdict> {
  if ("defineError" in report) return { status: "error", message: `the exercise cell threw while it was being defined: ${report.defineError}` };
  for (const [index, call] of check.calls.entries()) {
    const outcome: DecodedOutcome = report.outcomes[index];
    if ("thrown" in outcome) return { status: "error", message: outcome.thrown };
    try {
      await call.expectation(outcome.value, outcome.argumentsAfter ?? []);
    } catch (error) {
      // By name as well: a test runner may load two copies of this module (the checks file's and the grader's).
      if (error instanceof AssertionError || error instanceof CheckFailure || (error instanceof Error && error.name === "CheckFailure")) return { status: "failed", message: error.message };
      if (error instanceof Error && error.name === "CheckError") return { status: "error", message: error.message };
      const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { status: "error", message: `the grader could not check what ${call.fn} returned (${text}); does it return what the exercise asks for?` };
    }
  }
  return { status: "passed" };
}

/** A short, readable rendering of an output for messages: JSON-like, Maps and Sets spelled out, long values cut. */
export function show(value: unknown, maxChars = 300): string {
  const text = render(value, 0);
  return text.length > maxChars ? `${text.slice(0, maxChars)} …` : text;
}

function render(value: unknown, depth: number): string {
  if (depth > 8) return "…";
  if (value === undefined) return "undefined";
  if (typeof value === "number") return Object.is(value, -0) ? "0" : String(value);
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => render(v, depth + 1)).join(", ")}]`;
  if (value instanceof Map) return `Map {${[...value].map(([k, v]) => `${render(k, depth + 1)} => ${render(v, depth + 1)}`).join(", ")}}`;
  if (value instanceof Set) return `Set {${[...value].map((v) => render(v, depth + 1)).join(", ")}}`;
  if (isTensorData(value)) return `a ${value.dtype} tensor of shape [${value.shape.join(", ")}]`;
  if (isModelData(value)) return "a model";
  if (isFunctionData(value)) return `a function ${value.name}`.trim();
  return `{${Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${render(v, depth + 1)}`).join(", ")}}`;
}
