/**
 * The demo page's script (bundled into demo.js by ../../demo.ts): builds
 * each model as its payload script arrives and, on every input, writes each
 * ready model's positive probability into its row's `data-probability`, and
 * highlights the words of the review by how far they pushed the chosen
 * model's score. Instructor tooling for `npm run export`; no lesson teaches
 * it.
 */
import * as tf from "@tensorflow/tfjs";
import type { Explanation } from "../../../../lib/analysis/explain";
import { explanationHtml } from "../../../../lib/analysis/highlight";
import { errorMessage } from "../../../../lib/util/errors";
import { explainInPage } from "../explain";
import { DEMO_DATA_GLOBAL, DEMO_PAYLOADS_GLOBAL, pageModel, payloadFile, type DemoData, type DemoPayload, type PageModel, type SavedDemoModel } from "../models";

/** A network's occlusion waits for a pause in the typing this long: each costs one forward pass per word. */
const OCCLUSION_DELAY_MS = 400;
/** Payload scripts loading at once: while one is read from disk and decoded on Chromium's other threads, the page compiles another and builds its model. */
const PARALLEL_PAYLOADS = 2;

interface Row {
  model: SavedDemoModel;
  element: HTMLElement;
  ready?: PageModel;
}

const review = document.getElementById("review") as HTMLTextAreaElement;
const panel = document.getElementById("explanation") as HTMLElement;

async function main(): Promise<void> {
  const data = (globalThis as unknown as Record<string, DemoData | undefined>)[DEMO_DATA_GLOBAL];
  if (data === undefined) throw new Error("demo-models.js did not load: export the course again.");
  const rows: Row[] = [];
  for (const model of data.models) {
    if (model.status !== "saved") continue;
    const element = document.querySelector<HTMLElement>(`[data-model="${CSS.escape(model.name)}"]`);
    if (element !== null) rows.push({ model, element });
  }
  // The cpu backend computes in float32 as Node's backends do, and needs no GPU.
  await tf.setBackend("cpu");
  let chosen = rows.find((row) => row.model.kind === "ngrams") ?? rows[0];
  const explainer = new Explainer();
  const explainChosen = (): void => explainer.explain(chosen, review.value);
  const predictions = new Predictions(rows);
  const update = (): void => {
    predictions.refresh();
    explainChosen();
  };
  review.addEventListener("input", update);
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-example]")) {
    button.addEventListener("click", () => {
      review.value = button.dataset.example ?? "";
      update();
      review.focus();
    });
  }
  const choose = (row: Row): void => {
    chosen = row;
    for (const other of rows) other.element.setAttribute("aria-pressed", String(other === row));
    explainChosen();
  };
  for (const row of rows) {
    row.element.addEventListener("click", () => choose(row));
    row.element.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose(row);
      }
    });
  }
  if (chosen) choose(chosen);
  else explainChosen();

  // Each model starts predicting once its payload is in, the smallest first; one built at a time, so typing goes on between.
  const payloads = new PayloadLoader(data.payloads, PARALLEL_PAYLOADS);
  const times: number[] = [];
  let building = Promise.resolve();
  await Promise.all(rows.map(async (row) => {
    row.element.dataset.status = "loading";
    try {
      const payload = await payloads.get(row.model.payload);
      const built = building.then(() => pageModel(row.model, payload));
      building = built.then(() => nextTask(), () => nextTask());
      row.ready = await built;
      row.element.dataset.status = "saved";
      predictions.refresh();
      if (row === chosen) explainChosen();
    } catch (error) {
      showProblem(row.element, `could not be loaded: ${errorMessage(error)}`);
      if (row === chosen) explainChosen();
    }
    times.push(performance.now());
  }));
  showLoadTimes(rows.filter((row) => row.ready).length, times);
}

/**
 * Keeps each ready row's probability that of the review's current text, one
 * model per task: a keystroke does not wait for every model (the LSTM alone
 * takes 0.1-0.4 s on the cpu backend), and keystrokes typed meanwhile are
 * taken in together. `<body data-predicting>` is there while some row may
 * show an older text.
 */
class Predictions {
  private readonly shownText = new Map<Row, string>();
  private running = false;

  constructor(private readonly rows: readonly Row[]) {}

  refresh(): void {
    document.body.dataset.predicting = "true";
    if (this.running) return;
    this.running = true;
    void nextTask().then(() => this.run());
  }

  private async run(): Promise<void> {
    for (;;) {
      const text = review.value;
      const stale = this.rows.find((row) => row.ready !== undefined && this.shownText.get(row) !== text);
      if (stale?.ready === undefined) break;
      showProbability(stale.element, stale.ready.predict(text));
      this.shownText.set(stale, text);
      await nextTask();
    }
    this.running = false;
    delete document.body.dataset.predicting;
  }
}

/**
 * Loads the payload scripts, `parallel` at a time in the order given, and
 * hands out each payload by id once its script has run. The page adds them
 * itself, after its own scripts: tags in the HTML would load all of them at
 * once, and Chromium then runs the page's scripts, and so its first model,
 * only after most of the weights.
 */
class PayloadLoader {
  private readonly arrived = new Map<string, DemoPayload>();
  private readonly loads = new Map<string, Promise<DemoPayload>>();

  constructor(ids: readonly string[], parallel: number) {
    const global = globalThis as unknown as Record<string, DemoPayload[] | undefined>;
    const queue = (global[DEMO_PAYLOADS_GLOBAL] ??= []);
    queue.push = (...payloads: DemoPayload[]) => {
      for (const payload of payloads) this.arrived.set(payload.id, payload);
      return 0;
    };
    const started: Promise<unknown>[] = [];
    for (const [i, id] of ids.entries()) {
      // Starts when the load `parallel` places before it has ended, whether it worked or not.
      const slot = i < parallel ? Promise.resolve() : started[i - parallel].catch(() => undefined);
      const load = slot.then(() => this.load(id));
      started.push(load);
      this.loads.set(id, load);
    }
  }

  get(id: string): Promise<DemoPayload> {
    return this.loads.get(id) ?? Promise.reject(new Error(`demo-models.js lists no payload ${id}; export the course again.`));
  }

  private load(id: string): Promise<DemoPayload> {
    return new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = payloadFile(id);
      script.onload = () => {
        const payload = this.arrived.get(id);
        this.arrived.delete(id);
        if (payload) resolve(payload);
        else reject(new Error(`${script.src} holds no payload ${id}; export the course again.`));
      };
      script.onerror = () => reject(new Error(`${payloadFile(id)} did not load; export the course again.`));
      document.body.append(script);
    });
  }
}

/**
 * The chosen model's explanation of the review, in the panel. The n-gram
 * model's is exact and immediate; a network's waits for a pause in the typing
 * and is dropped when the text or the model changes before it is done. The
 * panel says in `data-state` whether what it shows is the current one:
 * "ready" (for `data-explained-model`), "computing", "loading" (the model is
 * not built yet), "error" or "empty" (no model saved).
 */
class Explainer {
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly name = panel.querySelector(".explained") as HTMLElement;
  private readonly progress = panel.querySelector(".progress") as HTMLElement;
  private readonly body = panel.querySelector(".body") as HTMLElement;

  explain(row: Row | undefined, text: string): void {
    const generation = ++this.generation;
    clearTimeout(this.timer);
    if (row === undefined) return this.show("empty", "", "No model saved: run the lessons, then export again.");
    panel.dataset.explainedModel = row.model.name;
    this.name.textContent = row.model.name;
    const model = row.ready;
    if (row.element.dataset.status === "error") return this.show("error", "This model could not be loaded.", "");
    if (model === undefined) return this.show("loading", "Loading this model…", "");
    this.show("computing", model.kind === "network" ? "Waiting for a pause in the typing…" : "");
    const run = async (): Promise<void> => {
      const cancelled = () => generation !== this.generation;
      try {
        const explanation = await explainInPage(model, text, {
          cancelled,
          onProgress: (done, total) => { this.progress.textContent = `Occlusion: ${done} of ${total} texts through the network…`; },
        });
        if (explanation !== undefined && !cancelled()) this.render(explanation);
      } catch (error) {
        if (!cancelled()) this.show("error", errorMessage(error));
      }
    };
    if (model.kind === "ngrams") void run();
    else this.timer = setTimeout(run, OCCLUSION_DELAY_MS);
  }

  private show(state: string, progress: string, body?: string): void {
    panel.dataset.state = state;
    this.progress.textContent = progress;
    if (body !== undefined) this.body.textContent = body;
  }

  private render(explanation: Explanation): void {
    if (explanation.tokens.length === 0) {
      this.show("ready", "", "Type a review: its words appear here, coloured by how far each pushed the score.");
      return;
    }
    this.body.innerHTML = explanationHtml(explanation);
    // explanationHtml ends with the highlighted text: one span per token, in order.
    const words = this.body.firstElementChild?.lastElementChild;
    const spans = words ? [...words.children] as HTMLElement[] : [];
    if (words === null || words === undefined || spans.length !== explanation.tokens.length) {
      throw new Error(`the highlighted text has ${spans.length} words for ${explanation.tokens.length} tokens: lib/highlight.ts changed its layout.`);
    }
    words.classList.add("words");
    spans.forEach((span, t) => {
      span.dataset.token = explanation.tokens[t].token;
      span.dataset.contribution = String(explanation.tokens[t].contribution);
    });
    this.show("ready", "");
  }
}

function showProbability(element: HTMLElement, probability: number): void {
  element.dataset.probability = String(probability);
  const bar = element.querySelector<HTMLElement>(".bar");
  if (bar) {
    bar.style.width = `${(100 * probability).toFixed(1)}%`;
    bar.classList.toggle("positive", probability > 0.5);
  }
  const value = element.querySelector<HTMLElement>(".value");
  if (value) {
    const number = document.createElement("span");
    number.className = "probability";
    number.textContent = probability.toFixed(3);
    value.replaceChildren(number, probability > 0.5 ? "positive" : "negative");
  }
}

function showProblem(element: HTMLElement, message: string): void {
  element.dataset.status = "error";
  const value = element.querySelector<HTMLElement>(".value");
  if (value) value.textContent = message;
}

/** Says, and records on <body> for the tests, how long after opening the page the first and the last model were ready. */
function showLoadTimes(ready: number, times: readonly number[]): void {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const first = Math.min(...times);
  const last = Math.max(...times);
  const status = document.getElementById("status");
  if (status) {
    status.textContent = times.length === 0
      ? "No model saved."
      : `${ready} model${ready === 1 ? "" : "s"} ready, the first ${seconds(first)} and the last ${seconds(last)} after the page was opened.`;
  }
  if (times.length > 0) {
    document.body.dataset.firstModelMs = first.toFixed(0);
    document.body.dataset.allModelsMs = last.toFixed(0);
  }
  document.body.dataset.ready = "true";
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

main().catch((error: unknown) => {
  const message = errorMessage(error);
  const status = document.getElementById("status");
  if (status) status.textContent = `The demo could not start: ${message}`;
  document.body.dataset.error = message;
});
