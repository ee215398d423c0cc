import type { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startHarness, type Harness } from '../../test/harness/app';
import type { ElectronDouble } from '../../test/harness/electron-double';
import type { BrowserWindowDouble } from '../../test/harness/window-double';
import { launchChromium, type Chromium } from '../../test/harness/chromium';
import { SafeStorageDouble } from '../../test/harness/safe-storage-double';
import { stubbedMain } from '../../test/harness/main-bundle-process';
import { percentile, summarise, type Figure, type FigureResult } from '../stats';
import { TraceRecorder } from '../trace-recorder';

/** How long the stand-in server may hold its answer before the bench gives up waiting for a paint. */
const holdLimitMs = 20_000;

/** In every popover page: when the first view (not the "Starting…" shell) is on screen, by the wall clock. */
function watchFirstViewPaint(): void {
  const w = window as unknown as { __firstViewPaint?: number };
  const shown = () => document.querySelector('main.popover[aria-busy="false"]') !== null;
  const record = () => requestAnimationFrame(() => (w.__firstViewPaint = performance.timeOrigin + performance.now()));
  document.addEventListener('DOMContentLoaded', () => {
    if (shown()) return record();
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      record();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  });
}

const benchUser = { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', image: null };

/**
 * A server that holds every answer while the bench holds it (or a time limit passes): anything at
 * start that waits for the network cannot finish before the release. Released, it answers at once
 * until held again. It knows only get-session; metadata and the rest are 404, as on an old server.
 */
async function heldServer(): Promise<{ url: string; hold(): void; release(): void; answers: number[]; close(): Promise<void> }> {
  const answers: number[] = [];
  let held: (() => void)[] = [];
  let holding = false;
  const server: Server = createServer((request, response) => {
    const answer = () => {
      answers.push(performance.now());
      if (!request.url?.startsWith('/api/auth/get-session')) return void response.writeHead(404).end();
      // The session is still valid: the app stays signed in, so every run checks it again.
      const body = { session: { expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() }, user: benchUser };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (!holding) return answer();
    const timer = setTimeout(answer, holdLimitMs);
    held.push(() => {
      clearTimeout(timer);
      answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The stand-in server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    answers,
    hold() {
      holding = true;
    },
    release() {
      holding = false;
      const waiting = held;
      held = [];
      for (const answer of waiting) answer();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface StartRun {
  store: number;
  keyring: number;
  decrypt: number;
  tray: number;
  window: number;
  paint: number;
  /** How long before the server's answer the first view was on screen (the server holds it until then). */
  aheadOfServer: number;
  ready: number;
  clickShown: number;
  clickPainted: number;
}

/** The wall-clock time (ms since the epoch) in Node's performance timeline. */
const fromEpoch = (epoch: number) => epoch - performance.timeOrigin;

async function startOnce(chromium: Chromium, userData: string, keyring: SafeStorageDouble, server: Awaited<ReturnType<typeof heldServer>>): Promise<StartRun> {
  const trace = new TraceRecorder();
  let harness: Harness | null = null;
  server.hold();
  const seen: { double?: ElectronDouble } = {};
  const starting = startHarness({ chromium, userData, safeStorage: keyring, serverOrigin: server.url, trace, beforeReady: (double) => void (seen.double = double) });
  try {
    const answered = server.answers.length;
    // The first view, while the server still holds its answer to the session check.
    let window: BrowserWindowDouble | undefined;
    while (!(window = seen.double?.windows[0])) await new Promise((resolve) => setTimeout(resolve, 5));
    const page = await pageOf(window);
    await page.waitForFunction(() => (window as unknown as { __firstViewPaint?: number }).__firstViewPaint !== undefined, undefined, { timeout: holdLimitMs });
    const painted = fromEpoch(await page.evaluate(() => (window as unknown as { __firstViewPaint: number }).__firstViewPaint));
    server.release();
    harness = await starting;
    const start = trace.at('start called');
    // Tray click → popover on screen, with the window already made (as it is from the start on).
    // Started by hand, the app shows the popover once; the user closed it since. The first call
    // into a fresh page costs Playwright tens of milliseconds, so one round trip comes first.
    const nextFrame = () => page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()))));
    harness.app.popover.hide();
    await nextFrame();
    let shownAt = 0;
    (harness.popoverWindow() as unknown as EventEmitter).on('show', () => void (shownAt ||= performance.now()));
    const clicked = performance.now();
    harness.double.tray.click();
    const frame = fromEpoch(await nextFrame());
    if (shownAt === 0) throw new Error('A tray click did not show the popover');
    return {
      store: trace.at('store opened') - start,
      keyring: trace.at('keyring asked') - start,
      decrypt: trace.at('token decrypted') - start,
      tray: trace.at('tray created') - start,
      window: trace.at('popover window created') - start,
      paint: painted - start,
      aheadOfServer: (server.answers[answered] ?? Number.NaN) - painted,
      ready: trace.at('start finished') - start,
      clickShown: shownAt - clicked,
      clickPainted: frame - clicked,
    };
  } finally {
    server.release();
    await (harness ?? (await starting.catch(() => null)))?.close();
  }
}

/** The window's page, once the double has put one behind it. */
async function pageOf(window: BrowserWindowDouble): Promise<Page> {
  for (;;) {
    try {
      return window.page();
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** Only what the stub needs to be reached: Node's own start, without our bundle. */
const emptyMain = "import { app } from 'electron'; app.requestSingleInstanceLock();";

/**
 * A fresh Node loads and runs a main module (Electron stubbed) up to its first call into Electron:
 * the wall-clock time since the process started, and the CPU time it spent (user + system), which
 * a busy machine inflates far less.
 */
function bundleLoad(source: string | undefined, runs: number): { wall: number[]; cpu: number[] } {
  const main = stubbedMain(
    `const app = { isPackaged: false, on() {}, quit() {}, exit() {},
       requestSingleInstanceLock() {
         const cpu = process.cpuUsage();
         process.stdout.write('loaded ' + performance.now() + ' ' + (cpu.user + cpu.system) / 1000 + '\\n');
         return false;
       } };
     const protocol = { registerSchemesAsPrivileged() {} };
     export { app, protocol };
     export default { app, protocol };`,
  );
  try {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i <= runs; i += 1) {
      const run = main.run(source);
      const loaded = /^loaded ([\d.]+) ([\d.]+)$/mu.exec(run.stdout);
      if (!loaded) throw new Error(`The main bundle did not load: ${run.stderr}`);
      if (i === 0) continue;
      wall.push(Number(loaded[1]));
      cpu.push(Number(loaded[2]));
    }
    return { wall, cpu };
  } finally {
    main.dispose();
  }
}

/**
 * The start, in stages, of an app with a saved session and a server that takes a second to
 * answer: the tray and the popover's first view must not wait for it. Then a tray click with the
 * popover window already made, to its next frame in Chromium.
 */
export const startFigures: Figure = {
  name: 'start',
  reference: 'half of 343 ms; one frame, 16 ms',
  async measure({ quick }) {
    const [chromium, server] = await Promise.all([launchChromium(), heldServer()]);
    await chromium.context.addInitScript(watchFirstViewPaint);
    const userData = mkdtempSync(join(tmpdir(), 'latchkey-bench-start-'));
    const keyring = new SafeStorageDouble();
    try {
      // A machine that signed in before: a token in the vault and the account cached.
      const seed = await startHarness({ chromium, userData, safeStorage: keyring, serverOrigin: server.url });
      server.release();
      await seed.app.vault.writeToken('bench-session-token-0123456789abcdef');
      seed.app.vault.writeCachedAccount({
        profile: benchUser,
        expiresAt: Date.now() + 7 * 86_400_000,
        lastConfirmedAt: Date.now(),
      });
      await seed.app.vault.settled();
      await seed.close();
      const runs: StartRun[] = [];
      for (let i = 0; i < (quick ? 1 : 8); i += 1) runs.push(await startOnce(chromium, userData, keyring, server));
      const measured = quick ? runs : runs.slice(1);
      const column = (key: keyof StartRun) => measured.map((run) => run[key]);
      const rows: FigureResult[] = [
        summarise('Start → tray shown (harness: composition root called → tray created)', column('tray'), 'ms', 'half of 343 ms or less'),
        summarise('· store opened', column('store'), 'ms', '—'),
        summarise('· keyring asked', column('keyring'), 'ms', '—'),
        summarise('· popover window created', column('window'), 'ms', '—'),
        summarise('· first decrypt (token read)', column('decrypt'), 'ms', '—'),
        summarise('· popover’s first view painted (the page loads in Chromium)', column('paint'), 'ms', '—'),
        summarise('· · painted ahead of the server’s answer (held until the paint)', column('aheadOfServer'), 'ms', 'positive: the first paint needs no network'),
        summarise('· start finished, server check included', column('ready'), 'ms', 'includes the held server'),
        summarise('Tray click → popover shown (window already made)', column('clickShown'), 'ms', '—'),
        summarise('Tray click → popover painted (next frame in Chromium)', column('clickPainted'), 'ms', 'one frame, 16 ms'),
      ];
      const bundle = bundleLoad(undefined, quick ? 1 : 10);
      const bare = bundleLoad(emptyMain, quick ? 1 : 10);
      const tray = rows[0]!.median;
      rows.push(
        summarise('Main bundle: process start → evaluated (Node, Electron stubbed)', bundle.wall, 'ms', 'the bundle’s parse and top level'),
        summarise('· of which Node alone (an empty main)', bare.wall, 'ms', '—'),
        { ...summarise('· the bundle’s own share (evaluated − empty main, medians)', [Math.max(0, percentile(bundle.wall, 50) - percentile(bare.wall, 50))], 'ms', '—'), runs: bundle.wall.length },
        summarise('· CPU time to evaluated (user + system; an empty main in the next row)', bundle.cpu, 'ms', 'less sensitive to a busy machine'),
        summarise('· · CPU time of an empty main', bare.cpu, 'ms', '—'),
        { ...summarise('Process start → tray shown (bundle evaluated + start → tray, medians added)', [percentile(bundle.wall, 50) + tray], 'ms', 'half of 343 ms or less; Node’s own start included'), runs: bundle.wall.length },
      );
      return rows;
    } finally {
      await Promise.all([chromium.close(), server.close()]);
      rmSync(userData, { recursive: true, force: true });
    }
  },
};
