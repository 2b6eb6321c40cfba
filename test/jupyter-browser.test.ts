/**
 * A learner's first session, in a real browser: the course's Jupyter server
 * started as `npm start -- --no-browser` starts it, Chromium driving the
 * notebook UI through Run All and Save on a copy of a learner notebook at
 * COURSE_SCALE=smoke. The run must reach the last cell without an error, every
 * chart must draw (plotly loaded through the server), and the saved file must
 * stay small (no plotly bundle inside).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { Browser } from "playwright-core";
import { launchChromium } from "./headless-chromium";
import { describeProcesses, killSurvivors, survivorsAfter, treeRecords } from "./process-tree";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chartHtml } from "../lib/display/charts";
import { openChartRenderer, refreshChartOutputs } from "../scripts/chart-images";

const ROOT = path.resolve(__dirname, "..");
const LESSON = "01-exploring-reviews.ipynb";
const MAX_SAVED_BYTES = 1_000_000;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe("a learner notebook in Jupyter, driven by Chromium", () => {
  let server: ChildProcess;
  let browser: Browser | undefined;
  let url = "";
  let serverUrl = "";
  let token = "";
  let workDir = "";
  let notebookFile = "";

  beforeAll(async () => {
    // Inside the project (like notebooks/), so the kernel resolves "imdb-course" and the server serves node_modules.
    mkdirSync(path.join(ROOT, "test", "artifacts"), { recursive: true });
    workDir = mkdtempSync(path.join(ROOT, "test", "artifacts", "browser-"));
    notebookFile = path.join(workDir, LESSON);
    copyFileSync(path.join(ROOT, "notebooks", LESSON), notebookFile);
    const port = await freePort();
    // As package.json's "start" runs it: one Node process that passes signals on to Jupyter.
    server = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "open-course.ts"), "--no-browser", `--port=${port}`, "--ip=127.0.0.1"], {
      cwd: ROOT,
      detached: true, // its own process group, so that the end of the test reaches every process it started
      env: { ...process.env, COURSE_SCALE: "smoke" },
    });
    const base = await new Promise<string>((resolve, reject) => {
      let log = "";
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+\/)\S*\?token=([0-9a-f]+)/.exec(log);
        if (match) {
          [serverUrl, token] = [match[1], match[2]];
          resolve(`${match[1]}notebooks/${path.relative(ROOT, notebookFile)}?token=${match[2]}`);
        }
      };
      server.stdout?.on("data", onData);
      server.stderr?.on("data", onData);
      server.on("exit", () => reject(new Error(`Jupyter exited before serving:\n${log}`)));
    });
    url = base;
    browser = await launchChromium({ offline: false });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (server?.pid !== undefined) {
      const started = treeRecords(server.pid);
      try {
        // As a supervisor stops `npm start`: the launcher passes SIGTERM on to Jupyter, which shuts its kernels down.
        process.kill(server.pid, "SIGTERM");
      } catch {
        // already gone
      }
      // Jupyter stops its kernels first; on a loaded machine that takes a while.
      const survivors = await survivorsAfter(started, 30_000);
      killSurvivors(survivors);
      expect(survivors, `processes still running 30 s after the server was stopped:\n${describeProcesses(survivors)}`).toEqual([]);
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 45_000);

  it("runs every cell, draws every chart, and saves a small notebook", async () => {
    const page = await (browser as Browser).newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await page.goto(url);
    // Strings run in the page: this project's TypeScript has no DOM types.
    await page.waitForSelector("#kernel_indicator_icon.kernel_idle_icon", { timeout: 60_000 });
    const codeCells = await page.locator(".code_cell").count();

    await page.locator("#celllink").click();
    await page.locator("#run_all_cells").click();
    // Done when every code cell has a number in its prompt and the kernel is idle.
    await page.waitForFunction(
      `[...document.querySelectorAll(".code_cell .input_prompt")].every((p) => /\\[\\d+\\]/.test(p.textContent))
        && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null`,
      null,
      { timeout: 150_000, polling: 1000 },
    );
    const errors = await page.locator(".output_error").allInnerTexts();
    expect(errors, "error outputs").toEqual([]);
    const stderr = await page.locator(".output_stderr").allInnerTexts();
    expect(stderr.filter((text) => /error/i.test(text)), "error text on stderr").toEqual([]);
    const lastPrompt = await page.locator(".code_cell .input_prompt").last().innerText();
    expect(lastPrompt).toMatch(new RegExp(`\\[${codeCells}\\]`));

    const charts = await page.locator(".imdb-course-chart").count();
    expect(charts).toBeGreaterThan(0);
    await page.waitForFunction('[...document.querySelectorAll(".imdb-course-chart")].every((c) => c.querySelector(".main-svg"))', null, { timeout: 30_000 })
      .catch(() => undefined); // the count below says how many stayed empty
    const drawn = await page.locator(".imdb-course-chart:has(.main-svg)").count();
    expect(drawn, `${drawn} of ${charts} charts drew; page errors: ${pageErrors.join("; ")}`).toBe(charts);

    const before = statSync(notebookFile).mtimeMs;
    await page.locator("#filelink").click();
    await page.locator("#save_checkpoint").click();
    // Notebook 6 writes the file in place (after a backup copy): wait until what is on disk is the whole new notebook.
    const savedText = (): string | undefined => {
      if (statSync(notebookFile).mtimeMs <= before) return undefined;
      const text = readFileSync(notebookFile, "utf8");
      try {
        JSON.parse(text);
        return text;
      } catch {
        return undefined;
      }
    };
    await expect.poll(savedText, { timeout: 20_000 }).toBeDefined();
    const saved = savedText() as string;
    const savedCells = JSON.parse(saved).cells.filter((c: { cell_type: string }) => c.cell_type === "code");
    expect(savedCells.at(-1).execution_count).toBe(codeCells);
    console.log(`${LESSON}: ${codeCells} code cells ran, ${charts} charts drew, saved notebook ${saved.length.toLocaleString("en-US")} bytes`);
    expect(saved.length).toBeLessThanOrEqual(MAX_SAVED_BYTES);
    expect(saved).not.toContain("plotly.js v");
  }, 240_000);

  it("shows the static images of a runner-saved notebook that Jupyter does not trust", async () => {
    const file = path.join(workDir, "charts-untrusted.ipynb");
    const display = (html: string) => ({ output_type: "display_data", metadata: {}, data: { "text/html": html } });
    const cell = (source: string, html: string) => ({ cell_type: "code", id: source.slice(0, 8).replace(/\W/g, "x"), metadata: {}, source, execution_count: 1, outputs: [display(html)] });
    writeFileSync(file, JSON.stringify({
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" } },
      cells: [
        cell("showChart(labels)", chartHtml([{ type: "bar", x: ["negative", "positive"], y: [250, 250] }], { title: { text: "Reviews per label" } }, { notebookDir: workDir })),
        cell("showChart(curve)", chartHtml([{ type: "scatter", mode: "lines", x: [1, 2, 3], y: [0.61, 0.79, 0.84] }], { title: { text: "Accuracy" } }, { notebookDir: workDir })),
      ],
    }));
    const renderer = await openChartRenderer();
    if (typeof renderer === "string") throw new Error(renderer);
    try {
      expect(await refreshChartOutputs(file, async () => renderer)).toEqual({ charts: 2, images: 2 });
    } finally {
      await renderer.close();
    }
    const page = await (browser as Browser).newPage();
    await page.goto(`${serverUrl}notebooks/${path.relative(ROOT, file)}?token=${token}`);
    await page.waitForSelector(".imdb-course-chart img", { timeout: 30_000 });
    // Unsigned, so untrusted: the scripts never run, and the sanitised HTML keeps each image.
    const images = await page.locator(".imdb-course-chart img").evaluateAll((imgs) => imgs.map((img) => [(img as unknown as { naturalWidth: number }).naturalWidth, img.getAttribute("alt")]));
    expect(images).toEqual([[800, "Chart: Reviews per label"], [800, "Chart: Accuracy"]]);
    expect(await page.locator(".imdb-course-chart .main-svg").count()).toBe(0);
    await page.close();
  }, 60_000);
});
