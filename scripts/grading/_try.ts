import { prepareSandbox, releaseSandbox } from "./sandbox";
import { runExercise, DEFAULT_LIMITS } from "./run-exercise";
import { encode } from "./sandbox/wire";
async function main() {
  let t = performance.now();
  const setup = prepareSandbox(process.argv[2] !== "none");
  console.log("probe", (performance.now() - t).toFixed(0), "ms", JSON.stringify(setup));
  const js = process.argv[3] ?? 'exports.double = (x) => 2 * x; exports.m = async (v) => new Map([[1, v]]);';
  const job = { fileName: "/work/wt/grader/submission/x.ts", js, cellLineOffset: 0, calls: [
    { fn: "double", args: [await encode(2)], argumentsAfter: false },
    { fn: "m", args: [await encode([1, NaN])], argumentsAfter: true } ] };
  for (let i = 0; i < 2; i++) {
    t = performance.now();
    const out = await runExercise(setup, job, { ...DEFAULT_LIMITS, timeoutMs: 5000 }, "x");
    console.log((performance.now() - t).toFixed(0), "ms", out);
  }
  releaseSandbox(setup);
}
main();
