import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/app';
import { launchChromium, type Chromium } from '../harness/chromium';
import { FakeClock } from '../harness/fake-clock';
import { UpdateServer, sha512Of, type Release } from '../harness/update-server';

/**
 * Updates as a user meets them: the real composition root (only Electron replaced) runs
 * electron-updater's own DebUpdater against a real feed on 127.0.0.1, with a real installer file
 * and its real sha512. Only running the installer is recorded instead of done.
 */
let chromium: Chromium;
let server: UpdateServer;
let app: Harness | null = null;
let installs: number;

beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});
afterEach(async ({ task }) => {
  if (task.result?.state === 'fail' && app) console.error(`The app's log when "${task.name}" failed:\n${app.logs.map((entry) => JSON.stringify(entry)).join('\n')}`);
  await app?.close();
  await server?.close();
  app = null;
});

/** A staging id (userData/.updaterId) at the top of the range: outside any rollout under 100 %. */
const lastInLine = '5f3c1b2a-9d4e-5c6f-8a7b-0000ffffffff';
/** One at the bottom: inside any rollout above 0 %. */
const firstInLine = '5f3c1b2a-9d4e-5c6f-8a7b-000000000001';

async function startWith(release: Release, setup: { stagingId?: string } = {}): Promise<Harness> {
  server = await new UpdateServer().start();
  server.publish(release);
  installs = 0;
  app = await startHarness({
    chromium,
    updates: server.appOptions(() => void (installs += 1)),
    beforeReady(double) {
      // A packaged app is what electron-updater serves (AppUpdater.isUpdaterActive).
      double.app.isPackaged = true;
      if (setup.stagingId) writeFileSync(join(double.app.getPath('userData'), '.updaterId'), setup.stagingId);
    },
  });
  return app;
}

const popover = (harness: Harness) => harness.popoverWindow().page();

/** Moves the keyboard focus with Tab alone until it reaches the named control. */
async function tabTo(page: Page, name: string): Promise<void> {
  for (let presses = 0; presses < 20; presses += 1) {
    await page.keyboard.press('Tab');
    if ((await page.evaluate(() => document.activeElement?.textContent?.trim())) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

describe('updates from a feed on loopback', () => {
  it('up to date: the feed is read, nothing is downloaded and nothing is shown', async () => {
    const harness = await startWith({ version: '0.1.0' });
    await harness.logged('No update available', { latest: '0.1.0' });
    expect(server.downloads()).toEqual([]);
    expect(harness.app.view().update.ready).toBeNull();
    expect(harness.app.view().update.lastCheckedAt).not.toBeNull();
    expect(harness.double.notifications).toEqual([]);
    expect(harness.double.tray.menuLabels()).not.toContain('Restart to Update (0.1.0)');
  });

  it('an update is downloaded, verified, announced once, and offered in the popover and the tray', async () => {
    const notes = 'https://github.com/latchkey-dev/latchkey/releases/tag/v0.2.0';
    const harness = await startWith({ version: '0.2.0', stagingPercentage: 50, releaseNotesUrl: notes }, { stagingId: firstInLine });
    const page = popover(harness);
    await page.getByRole('heading', { name: 'Update ready — Restart to update' }).waitFor();
    await page.getByText('Latchkey 0.2.0 is downloaded and verified.').waitFor();
    expect(server.downloads()).toEqual(['/latchkey_0.2.0_amd64.deb']);
    expect(server.cached().filter((file) => file.endsWith('.deb'))).toHaveLength(1);
    expect(harness.double.tray.menuLabels()).toContain('Restart to Update (0.2.0)');
    expect(harness.double.notifications.map((shown) => shown.options.title)).toEqual(['Update ready']);
    // Were the user to quit instead, electron-updater installs then (BaseUpdater.addQuitHandler).
    expect(harness.double.app.listenerCount('quit'), 'the update installs at the next quit').toBe(1);
    // By keyboard alone: the notes open in the browser, and the restart installs at once (nothing is under way).
    await tabTo(page, 'Release notes');
    await page.keyboard.press('Enter');
    await expect.poll(() => harness.double.openedUrls).toContain(notes);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await harness.logged('Restarting to install the update', { version: '0.2.0' });
    expect(installs).toBe(1);
  });

  it('a file that does not match the feed’s sha512 is refused: nothing installed, a log line, Settings only', async () => {
    const harness = await startWith({ version: '0.2.0', sha512: sha512Of(Buffer.from('another file')) });
    await harness.logged('The update was refused', { failure: 'checksum_mismatch' });
    expect(server.downloads()).toEqual(['/latchkey_0.2.0_amd64.deb']);
    expect(server.cached().filter((file) => file.endsWith('.deb')), 'the mismatching file is deleted').toEqual([]);
    expect(harness.app.view().update.ready).toBeNull();
    expect(harness.double.tray.menuLabels().some((label) => label.startsWith('Restart to Update'))).toBe(false);
    expect(harness.double.notifications).toEqual([]);
    expect(installs).toBe(0);
    const page = popover(harness);
    const problem = page.getByText('A downloaded update did not match its published checksum');
    await page.getByText('Settings', { exact: true }).click();
    await problem.waitFor();
    await page.getByText('Settings', { exact: true }).click();
    expect(await problem.isVisible(), 'only Settings mentions it').toBe(false);
    expect((await page.getByRole('alert').allTextContents()).join('').trim(), 'nothing is said over the user').toBe('');
  });

  it('an unreachable feed is retried quietly, and the retry finds the feed again', async () => {
    server = await new UpdateServer().start();
    server.publish({ version: '0.1.0' });
    server.hangingUp = true;
    installs = 0;
    app = await startHarness({ chromium, updates: server.appOptions(() => void (installs += 1)), beforeReady: (double) => void (double.app.isPackaged = true) });
    const failed = await app.logged('The update check failed', { failure: 'unreachable', attempt: 1 });
    expect(failed.level).toBe('warn');
    const page = popover(app);
    await page.getByText('Settings', { exact: true }).click();
    await page.getByText('The update server could not be reached. Latchkey will try again later.').waitFor();
    expect((await page.getByRole('alert').allTextContents()).join('').trim(), 'nothing interrupts the user').toBe('');
    expect(app.double.notifications).toEqual([]);
    await app.logged('The update check failed', { failure: 'unreachable', attempt: 2 });
    server.hangingUp = false;
    await app.logged('No update available', { latest: '0.1.0' });
    expect(app.app.view().update.problem, 'a success clears the problem').toBeNull();
  });

  it('a lower version is never installed, unless the user moves from beta back to stable', async () => {
    server = await new UpdateServer().start();
    server.publish({ version: '0.1.0' });
    server.publish({ version: '0.2.0-beta.1', channel: 'beta' });
    installs = 0;
    const harness = (app = await startHarness({
      chromium,
      updates: server.appOptions(() => void (installs += 1)),
      beforeReady(double) {
        double.app.isPackaged = true;
        double.app.version = '0.2.0-beta.1';
      },
    }));
    await harness.logged('No update available', { latest: '0.1.0', channel: 'stable' });
    const page = popover(harness);
    await page.getByText('Settings', { exact: true }).click();
    await page.getByLabel('Updates').selectOption('beta');
    await harness.logged('No update available', { latest: '0.2.0-beta.1', channel: 'beta' });
    expect(server.downloads(), 'neither check downloaded anything').toEqual([]);
    await page.getByLabel('Updates').selectOption('stable');
    await harness.logged('The update channel changed', { channel: 'stable', allowDowngrade: true });
    await harness.logged('An update is ready to install', { version: '0.1.0' });
    expect(server.downloads()).toEqual(['/latchkey_0.1.0_amd64.deb']);
  });

  it('a staged rollout that has not reached this user is not offered', async () => {
    const harness = await startWith({ version: '0.2.0', stagingPercentage: 50 }, { stagingId: lastInLine });
    await harness.logged('No update available', { latest: '0.2.0' });
    expect(server.downloads()).toEqual([]);
    expect(harness.app.view().update.ready).toBeNull();
  });

  it('an update ready during a sign-in restarts only once the sign-in has ended', async () => {
    const harness = await startWith({ version: '0.1.0' });
    await harness.logged('No update available', { latest: '0.1.0' });
    const page = popover(harness);
    await page.getByRole('button', { name: 'Sign in with browser' }).click();
    await expect.poll(() => harness.app.account.state.kind).toBe('signingIn');
    server.publish({ version: '0.2.0' });
    void harness.app.updates.check();
    await page.getByRole('button', { name: 'Restart to update' }).click();
    await harness.logged('The restart to update waits for the sign-in to end', { version: '0.2.0' });
    await page.getByText('Restarts as soon as the sign-in under way ends.').waitFor();
    expect(installs).toBe(0);
    await page.getByRole('button', { name: 'Cancel sign-in' }).click();
    await harness.logged('Restarting to install the update', { version: '0.2.0' });
    expect(installs).toBe(1);
  });
});

describe('when the app looks for updates', () => {
  it('not while offline: the check waits for the network, then runs; again after a long sleep', async () => {
    const clock = new FakeClock();
    server = await new UpdateServer().start();
    server.publish({ version: '0.1.0' });
    app = await startHarness({
      chromium,
      clock,
      updates: server.appOptions(() => {}, { firstCheckMs: 30_000 }),
      beforeReady(double) {
        double.app.isPackaged = true;
        double.setOnline(false);
      },
    });
    await clock.advance(30_000);
    await app.logged('The update check waits for the network');
    expect(server.requests, 'nothing is asked while offline').toEqual([]);
    app.double.setOnline(true);
    // The network is sampled every 15 s (Electron's main process has no online event).
    await clock.advance(15_000);
    await app.logged('No update available', { latest: '0.1.0' });
    expect(server.requests).toEqual(['/latest-linux.yml']);
    const before = app.logs.length;
    await clock.jump(2 * 60 * 60_000);
    app.double.powerMonitor.emit('resume');
    await app.logged('No update available', { latest: '0.1.0' }, before);
    expect(server.requests).toEqual(['/latest-linux.yml', '/latest-linux.yml']);
  });
});

describe('--self-test and the update feed', () => {
  const clock = new FakeClock();
  /** A packaged build's link goes nowhere on this desktop: the clock lets its wait run out. */
  async function updatesCheck(harness: Harness) {
    const running = harness.app.selfTest();
    await harness.logged('The self-test sent its link through the OS');
    await clock.advance(5_000);
    return (await running).checks.find((check) => check.id === 'updates')!;
  }

  it('reports the configured feed and its newest version, and downloads nothing', async () => {
    server = await new UpdateServer().start();
    server.publish({ version: '0.2.0' });
    // The schedule's first check waits for the test's clock: only the self-test asks the feed.
    app = await startHarness({ chromium, clock, updates: server.appOptions(() => {}, { firstCheckMs: 3_600_000 }), beforeReady: (double) => void (double.app.isPackaged = true) });
    const check = await updatesCheck(app);
    expect(check).toEqual({ id: 'updates', ok: true, detail: { provider: 'generic', url: server.url, answers: true, latest: '0.2.0' } });
    expect(server.requests).toEqual(['/latest-linux.yml']);
    expect(app.app.view().update.ready).toBeNull();
  });

  it('fails, with the reason, when the feed does not answer', async () => {
    server = await new UpdateServer().start();
    server.hangingUp = true;
    app = await startHarness({ chromium, clock, updates: server.appOptions(() => {}, { firstCheckMs: 3_600_000 }), beforeReady: (double) => void (double.app.isPackaged = true) });
    const check = await updatesCheck(app);
    expect(check).toMatchObject({ ok: false, detail: { provider: 'generic', url: server.url, answers: false, error: expect.any(String) } });
  });
});
