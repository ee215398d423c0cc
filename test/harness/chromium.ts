import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium, as its headless shell when that package is installed; another build through
 * LATCHKEY_CHROMIUM. Never downloaded. The shell is Chromium's content layer without the Chrome
 * browser around it, which is also what Electron embeds, and it opens a page in about half the
 * time here: "more performant for automation tasks where the complete Chrome feature set is not
 * needed" (https://pptr.dev/guides/headless-modes). The suite opens a page for every start of the app.
 */
export const chromiumPath =
  process.env.LATCHKEY_CHROMIUM ?? ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'].find((path) => existsSync(path)) ?? '/usr/bin/chromium';

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** One Chromium per test worker, started on first use; each caller gets its own context. */
let shared: Promise<Browser> | null = null;

function sharedBrowser(): Promise<Browser> {
  shared ??= chromium.launch({ executablePath: chromiumPath, headless: true, args }).then((browser) => {
    // A crashed or closed browser is started again by the next caller.
    browser.on('disconnected', () => (shared = null));
    return browser;
  });
  return shared;
}

export interface ChromiumOptions {
  colorScheme?: 'light' | 'dark';
  /** CSS pixels. @default 360 × 480 */
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel. @default 1 */
  deviceScaleFactor?: number;
}

/** Which browser the pages ran in, e.g. "chromium-headless-shell 156.0.8078.108", for the bench's report. */
export async function chromiumBuild(): Promise<string> {
  return `${basename(chromiumPath)} ${(await sharedBrowser()).version()}`;
}

/**
 * A fresh, empty browser context (its own cookies, storage and cache, like a new profile) in the
 * worker's Chromium. Closing it leaves the browser running for the next test file.
 */
export async function launchChromium(options: ChromiumOptions = {}): Promise<Chromium> {
  const browser = await sharedBrowser();
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 360, height: 480 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
  });
  return {
    context,
    async close() {
      await context.close();
    },
  };
}
