/**
 * How a model exercise's model must be compiled, beyond its loss (which
 * modelExercise checks): its optimizer, that optimizer's learning rate, the
 * accuracy metric. The lessons' checks files wrap their model exercises with it.
 */
import { CheckFailure, show, type ExerciseCheck } from "../../scripts/grading/checks-api";
import { isModelData } from "../../scripts/grading/sandbox/wire";

export interface CompileSpec {
  /** The optimizer's class name, as getClassName() gives it: "Adam", "RMSProp". */
  optimizer?: string;
  learningRate?: number;
  /** Whether metrics: ["accuracy"] is required. */
  accuracy?: boolean;
}

interface Training {
  metrics?: unknown;
  optimizer?: { className?: unknown; config?: { learningRate?: unknown } };
}

/** `check` with its expectations preceded by the compile settings `spec` asks for. */
export function compiledAs(check: ExerciseCheck, spec: CompileSpec): ExerciseCheck {
  return {
    ...check,
    calls: check.calls.map((call) => ({
      ...call,
      expectation: async (got, argumentsAfter) => {
        if (isModelData(got)) {
          const made = `the model from ${call.fn}(${call.args.map((a) => show(a)).join(", ")})`;
          const training = got.training as Training | null;
          if (!training) throw new CheckFailure(`${made} should be compiled (model.compile({ optimizer, loss, metrics })) before it is returned`);
          const optimizer = training.optimizer?.className;
          if (spec.optimizer !== undefined && optimizer !== spec.optimizer) {
            throw new CheckFailure(`${made} should be compiled with the ${spec.optimizer} optimizer, got ${show(optimizer)}`);
          }
          const learningRate = training.optimizer?.config?.learningRate;
          if (spec.learningRate !== undefined && learningRate !== spec.learningRate) {
            throw new CheckFailure(`${made} should have the learning rate ${spec.learningRate}, got ${show(learningRate)}`);
          }
          const metrics = Array.isArray(training.metrics) ? training.metrics : [];
          if (spec.accuracy && !metrics.some((m) => m === "accuracy" || m === "acc")) {
            throw new CheckFailure(`${made} should be compiled with metrics: ["accuracy"], got ${show(metrics)}`);
          }
        }
        await call.expectation(got, argumentsAfter);
      },
    })),
  };
}
