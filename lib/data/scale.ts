/**
 * How much of the dataset the lessons use (every lesson's first cells).
 *
 * `COURSE_SCALE=full` (the default) trains on all 25,000 training reviews and
 * tests on all 25,000 test reviews for the epochs each lesson asks for.
 * `COURSE_SCALE=smoke` keeps a few hundred reviews and one epoch, so that CI
 * (and a learner in a hurry) can run every notebook top to bottom in minutes;
 * its accuracies mean nothing.
 */
export type CourseScaleName = "full" | "smoke";

export interface CourseScale {
  name: CourseScaleName;
  /** Training reviews to keep, or undefined for all of them. */
  trainSize: number | undefined;
  /** Test reviews to keep, or undefined for all of them. */
  testSize: number | undefined;
  /** Epochs to train, given the number the lesson uses at full scale. */
  epochs(fullScaleEpochs: number): number;
}

const SMOKE_REVIEWS = 500;

/** Reads COURSE_SCALE; an unknown value is an error that lists the allowed ones (lessons 1-7, first cells). */
export function courseScale(value: string | undefined = process.env.COURSE_SCALE): CourseScale {
  const name = value === undefined || value === "" ? "full" : value;
  if (name === "full") return { name, trainSize: undefined, testSize: undefined, epochs: (n) => n };
  if (name === "smoke") return { name, trainSize: SMOKE_REVIEWS, testSize: SMOKE_REVIEWS, epochs: () => 1 };
  throw new Error(`COURSE_SCALE="${value}" is not a scale the course knows: use "full" (all 50,000 reviews) or "smoke" (${SMOKE_REVIEWS} + ${SMOKE_REVIEWS} reviews, 1 epoch).`);
}

/**
 * The first `size` examples of a split (all of them when size is undefined),
 * to apply `courseScale()` sizes. Splits are shuffled, so the head is a fair
 * sample (lessons 1-5).
 */
export function headOfSplit<X, Y>(split: { x: X[]; y: Y[] }, size: number | undefined): { x: X[]; y: Y[] } {
  if (size === undefined) return split;
  return { x: split.x.slice(0, size), y: split.y.slice(0, size) };
}
