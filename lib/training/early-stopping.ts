/**
 * Early stopping: stop training once validation loss has stopped improving,
 * and keep the weights of the best epoch (lesson 5).
 *
 * tfjs 4.22's `tf.callbacks.earlyStopping` stops training but throws
 * "restoreBestWeights = True is not implemented", so the model would keep the
 * weights of its last, already over-fitted epoch. `earlyStopping()` below
 * applies the same rule and restores the best weights.
 */
import type * as tf from "@tensorflow/tfjs";
import { integerOption, numberOption } from "../util/options";

export interface EarlyStoppingRule {
  /**
   * Stop once this many epochs in a row have not improved (default 0). As in
   * Keras, 0 and 1 both stop at the first epoch that does not improve.
   */
  patience?: number;
  /** An epoch improves only if it beats the best loss so far by more than this (default 0). */
  minDelta?: number;
}

export interface EarlyStoppingOutcome {
  /** 1-based epoch with the lowest validation loss seen: the weights worth keeping. */
  bestEpoch: number;
  /** 1-based epoch after which training stopped (the last epoch when the rule never fired). */
  stoppedEpoch: number;
  /** Whether the rule stopped training before the planned epochs ran out. */
  stopped: boolean;
}

/**
 * What Keras' EarlyStopping(monitor="val_loss", patience, min_delta) does
 * with a history of validation losses: an epoch improves when its loss is
 * below best - minDelta; after `patience` epochs in a row without improvement
 * training stops (lesson 5).
 *
 * Example: losses [0.40, 0.35, 0.37, 0.36, 0.39] with patience 2 → best epoch
 * 2, stopped after epoch 4.
 */
export function earlyStoppingOutcome(validationLosses: readonly number[], rule: EarlyStoppingRule = {}): EarlyStoppingOutcome {
  if (validationLosses.length === 0) throw new RangeError("earlyStoppingOutcome: the history is empty; pass one validation loss per epoch.");
  const tracker = new StoppingRule("earlyStoppingOutcome", rule);
  for (const [i, loss] of validationLosses.entries()) {
    if (tracker.observe(loss, i + 1) === "stop") return { bestEpoch: tracker.bestEpoch, stoppedEpoch: i + 1, stopped: true };
  }
  return { bestEpoch: tracker.bestEpoch, stoppedEpoch: validationLosses.length, stopped: false };
}

export interface EarlyStopping {
  /** Pass to model.fit() (with validation data, so that logs carry val_loss). */
  callbacks: tf.CustomCallbackArgs;
  /** After fit: the epoch whose weights the model now holds, and where training stopped. */
  outcome(): EarlyStoppingOutcome;
}

/**
 * Callbacks for model.fit() that stop training by `earlyStoppingOutcome`'s
 * rule and, when training ends, put back the weights of the epoch with the
 * lowest validation loss (lesson 5). The optimizer's state is not restored,
 * as in Keras: only matters if training continues afterwards.
 */
export function earlyStopping(model: tf.LayersModel, rule: EarlyStoppingRule = {}): EarlyStopping {
  const tracker = new StoppingRule("earlyStopping", rule);
  let best: tf.Tensor[] = [];
  let stoppedEpoch = 0;
  let stopped = false;
  const callbacks: tf.CustomCallbackArgs = {
    onEpochEnd: async (epoch, logs) => {
      const loss = logs?.val_loss;
      if (typeof loss !== "number") {
        throw new Error("earlyStopping: the epoch's logs have no val_loss; give model.fit() validationData or validationSplit.");
      }
      stoppedEpoch = epoch + 1;
      const verdict = tracker.observe(loss, epoch + 1);
      if (verdict === "improved") {
        for (const w of best) w.dispose();
        best = model.getWeights().map((w) => w.clone());
      } else if (verdict === "stop") {
        stopped = true;
        model.stopTraining = true;
      }
    },
    onTrainEnd: async () => {
      if (best.length > 0) model.setWeights(best);
      for (const w of best) w.dispose();
      best = [];
    },
  };
  return {
    callbacks,
    outcome: () => {
      if (stoppedEpoch === 0) throw new Error("earlyStopping: outcome() is known only after model.fit() has run at least one epoch.");
      return { bestEpoch: tracker.bestEpoch, stoppedEpoch, stopped };
    },
  };
}

/** Keras' EarlyStopping rule for a loss (lower is better), one epoch at a time. */
class StoppingRule {
  bestEpoch = 0;
  private best = Infinity;
  private wait = 0;
  private readonly patience: number;
  private readonly minDelta: number;

  constructor(where: string, rule: EarlyStoppingRule) {
    this.patience = integerOption(where, "patience", rule.patience, 0, Infinity, 0, "epochs without improvement to wait");
    this.minDelta = numberOption(where, "minDelta", rule.minDelta, { min: 0 }, 0);
  }

  observe(loss: number, epoch: number): "improved" | "wait" | "stop" {
    if (loss < this.best - this.minDelta) {
      this.best = loss;
      this.bestEpoch = epoch;
      this.wait = 0;
      return "improved";
    }
    this.wait += 1;
    return this.wait >= this.patience ? "stop" : "wait";
  }
}
