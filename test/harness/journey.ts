import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, type Harness, type HarnessOptions } from './app';
import type { TestUser } from './auth-server';
import type { Chromium } from './chromium';
import { SafeStorageDouble } from './safe-storage-double';
import { signInWithBrowser } from './system-browser';

/**
 * One user's machine across app restarts: the same user-data folder and the same OS keyring,
 * with a second Chromium playing the system browser against the real auth server.
 */
export class Machine {
  readonly userData = mkdtempSync(join(tmpdir(), 'latchkey-machine-'));
  readonly keyring = new SafeStorageDouble();
  /** Every URL the app asked the OS to open, across runs. */
  readonly opened: string[] = [];
  #openedWaiters = new Set<() => void>();
  app: Harness | null = null;

  constructor(
    private readonly serverUrl: string,
    private readonly systemBrowser: Chromium,
    private readonly popoverBrowser: Chromium,
  ) {}

  async start(options: Partial<HarnessOptions> = {}): Promise<Harness> {
    this.app = await startHarness({
      serverOrigin: this.serverUrl,
      chromium: this.popoverBrowser,
      userData: this.userData,
      safeStorage: this.keyring,
      onOpenExternal: (url) => {
        this.opened.push(url);
        for (const wake of this.#openedWaiters) wake();
      },
      ...options,
    });
    return this.app;
  }

  async quit(): Promise<void> {
    await this.app?.close();
    this.app = null;
  }

  popover(): Page {
    if (!this.app) throw new Error('The app is not running');
    return this.app.popoverWindow().page();
  }

  /** Waits for the app to open the browser, and returns the authorize URL it opened. */
  async nextOpened(count: number): Promise<string> {
    await new Promise<void>((resolve) => {
      const wake = () => {
        if (this.opened.length < count) return;
        this.#openedWaiters.delete(wake);
        resolve();
      };
      this.#openedWaiters.add(wake);
      wake();
    });
    return this.opened[count - 1]!;
  }

  /** The user finishes signing in in their browser; returns where the browser was sent. */
  async approveInBrowser(authorizeUrl: string, user: TestUser, decision: 'approve' | 'deny' = 'approve'): Promise<string> {
    const result = await signInWithBrowser(this.systemBrowser.context, { authorizeUrl, account: user, decision });
    await result.page.close();
    return result.callbackUrl;
  }

  /** Every file the app wrote, for checking that no secret sits on disk in plaintext. */
  filesContaining(secret: string): string[] {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
    const needles = [secret, Buffer.from(secret).toString('base64')];
    return walk(this.userData).filter((path) => {
      const text = readFileSync(path).toString('latin1');
      return needles.some((needle) => text.includes(needle));
    });
  }

  async dispose(): Promise<void> {
    await this.quit();
    rmSync(this.userData, { recursive: true, force: true });
  }
}

/**
 * The browser hands a link to the OS, which sends it through the handler the app registered:
 * a second instance's argv on Windows and Linux, open-url on macOS. Resolves once the OS is done.
 */
export async function openLinkFromBrowser(app: Harness, url: string): Promise<void> {
  const launch = await app.double.app.openFromOs(url);
  if (launch.kind === 'none') throw new Error(`The OS could not hand ${url} to the app: ${launch.reason}`);
}
