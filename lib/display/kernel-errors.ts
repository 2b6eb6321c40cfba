/**
 * Short errors in the notebook. tslab prints a cell's uncaught error with
 * `console.error(error)`, which shows Node's source excerpt, the whole stack (about ten
 * frames of tslab, node:vm and Node internals that say nothing about the
 * learner's code) and the error's own properties. Inside the kernel, importing
 * the course library makes it show the error's first line and only the frames
 * that are not the kernel's; for an unsolved exercise's stub, one line.
 * Elsewhere (tests, scripts) nothing changes.
 */
import { AssertionError } from "node:assert";
import { inspect } from "node:util";
import { unsolvedExercise } from "./exercises";

const KERNEL_FRAME = /node:vm|node:internal|[\\/]tslab[\\/]dist[\\/]|\(node:|at evalmachine\.<anonymous>:/;

/** What a learner sees for an uncaught error in a cell. */
export function learnerErrorText(error: Error): string {
  // Node appends an actual/expected diff to assertion messages; their first line says it.
  const message = error instanceof AssertionError ? error.message.split("\n")[0] : error.message;
  const head = message ? `${error.name}: ${message}` : error.name;
  if (unsolvedExercise(error) !== undefined) return head;
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line) && !KERNEL_FRAME.test(line));
  return [head, ...frames].join("\n");
}

/** True inside a tslab kernel (its entry script is tslab's). */
function insideTslabKernel(): boolean {
  return /[\\/]tslab[\\/]/.test(process.argv[1] ?? "") && process.argv.includes("kernel");
}

// tslab prints errors through a console.error it captured at start-up, which formats them with
// util.inspect; inspect asks the error itself first.
if (insideTslabKernel()) {
  // AssertionError has an inspect method of its own.
  for (const prototype of [Error.prototype, AssertionError.prototype]) {
    Object.defineProperty(prototype, inspect.custom, {
      configurable: true,
      writable: true,
      value(this: Error) {
        return learnerErrorText(this);
      },
    });
  }
}
