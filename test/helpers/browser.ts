/**
 * Debian's Chromium for the browser tests (npm run test:browser), driven by playwright-core:
 * one place for the path, the refusal when it is missing, and the flags a closed network needs
 * (without the background-networking ones Chromium keeps dialling out and failing).
 */
import { existsSync } from "node:fs";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { tempDir } from "./cli.js";

export const CHROMIUM = process.env.GOLIVE_CHROMIUM ?? "/usr/bin/chromium";

/** A fresh headless Chromium with its own profile; fails, never skips, when it is missing. */
export async function launchBrowser(viewport: {
  width: number;
  height: number;
}): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is not installed at ${CHROMIUM}: run \`apt-get update && apt-get install -y chromium\` (.ci/run does this) or set GOLIVE_CHROMIUM`,
    );
  }
  return chromium.launchPersistentContext(tempDir("golive-chromium-"), {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The page's console errors and uncaught errors, and every request that is not a file. */
export function watch(tab: Page): { errors: string[]; requests: string[] } {
  const errors: string[] = [];
  const requests: string[] = [];
  tab.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  tab.on("pageerror", (error) => errors.push(error.message));
  tab.on("request", (request) => {
    if (!request.url().startsWith("file:")) requests.push(request.url());
  });
  return { errors, requests };
}
