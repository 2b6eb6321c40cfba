/** Debian's Chromium for the browser tests (export, demo, live notebook), launched one way. */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * Headless, as root (no Chromium sandbox), without its background traffic.
 * `offline`: every request that is not to loopback meets a proxy that refuses it.
 */
export function launchChromium({ offline }: { offline: boolean }): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    chromiumSandbox: false,
    args: [
      "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
      ...(offline ? ["--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"] : []),
    ],
  });
}

/** A page in a new offline context that records every request it makes and every error it reports. */
export async function watchedOfflinePage(browser: Browser): Promise<{ context: BrowserContext; page: Page; requests: string[]; errors: string[] }> {
  const context = await browser.newContext({ offline: true });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on("request", (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
  return { context, page, requests, errors };
}
