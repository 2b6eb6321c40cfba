/**
 * The demo page's script (bundled into demo.js by ../../demo.ts): loads the
 * models demo-models.js carries and, on every input, writes each model's
 * positive probability into its row's `data-probability`. Instructor tooling
 * for `npm run export`; no lesson teaches it.
 */
import * as tf from "@tensorflow/tfjs";
import { DEMO_DATA_GLOBAL, demoPredictor, type DemoData, type Predictor } from "../models";

interface Row {
  element: HTMLElement;
  predict: Predictor;
}

async function main(): Promise<void> {
  const started = performance.now();
  const data = (globalThis as unknown as Record<string, DemoData | undefined>)[DEMO_DATA_GLOBAL];
  if (data === undefined) throw new Error("demo-models.js did not load: export the course again.");
  // The cpu backend computes in float32 as Node's backends do, and needs no GPU.
  await tf.setBackend("cpu");
  const review = document.getElementById("review") as HTMLTextAreaElement;
  const rows: Row[] = [];
  for (const model of data.models) {
    if (model.status !== "saved") continue;
    const element = document.querySelector<HTMLElement>(`[data-model="${CSS.escape(model.name)}"]`);
    if (element === null) continue;
    try {
      rows.push({ element, predict: await demoPredictor(model) });
    } catch (error) {
      showProblem(element, `could not be loaded: ${(error as Error).message}`);
    }
  }
  const update = (): void => {
    for (const row of rows) showProbability(row.element, row.predict(review.value));
  };
  review.addEventListener("input", update);
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-example]")) {
    button.addEventListener("click", () => {
      review.value = button.dataset.example ?? "";
      update();
      review.focus();
    });
  }
  update();
  const status = document.getElementById("status");
  if (status) status.textContent = `${rows.length} model${rows.length === 1 ? "" : "s"} loaded in ${((performance.now() - started) / 1000).toFixed(1)} s.`;
  document.body.dataset.ready = "true";
}

function showProbability(element: HTMLElement, probability: number): void {
  element.dataset.probability = String(probability);
  const bar = element.querySelector<HTMLElement>(".bar");
  if (bar) {
    bar.style.width = `${(100 * probability).toFixed(1)}%`;
    bar.classList.toggle("positive", probability > 0.5);
  }
  const value = element.querySelector<HTMLElement>(".value");
  if (value) value.textContent = `${probability.toFixed(3)} ${probability > 0.5 ? "positive" : "negative"}`;
}

function showProblem(element: HTMLElement, message: string): void {
  element.dataset.status = "error";
  const value = element.querySelector<HTMLElement>(".value");
  if (value) value.textContent = message;
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const status = document.getElementById("status");
  if (status) status.textContent = `The demo could not start: ${message}`;
  document.body.dataset.error = message;
});
