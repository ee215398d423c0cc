import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium by default; another build through LATCHKEY_CHROMIUM. Never downloaded. */
export const chromiumPath = process.env.LATCHKEY_CHROMIUM ?? '/usr/bin/chromium';

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

/**
 * A fresh, empty browser context (its own cookies, storage and cache, like a new profile) in the
 * worker's Chromium. Closing it leaves the browser running for the next test file.
 */
export interface ChromiumOptions {
  colorScheme?: 'light' | 'dark';
  /** CSS pixels. @default 360 × 480 */
  viewport?: { width: number; height: number };
  /** Device pixels per CSS pixel. @default 1 */
  deviceScaleFactor?: number;
}

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
