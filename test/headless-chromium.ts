/** Debian's Chromium for the browser tests (export, demo, live notebook), launched one way. */
import { chromium, type Browser } from "playwright-core";

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
