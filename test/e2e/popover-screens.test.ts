import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountView } from '../../src/contract/view';
import { views, now, type ViewName } from '../components/views';
import { rendererResponse } from '../../src/main/adapters/app-protocol';
import { builtPaths } from '../harness/app';
import { launchChromium, type Chromium } from '../harness/chromium';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = join(root, 'test-results/screenshots');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
/** A secure origin standing for app://popover (test/harness/protocol-double.ts explains why). */
const origin = 'https://popover.app-scheme.invalid';

/** The preload's API as a fake in the page: answers every command with success and records it. */
function installFakeApi(view: AccountView) {
  const calls: string[] = [];
  const listeners = new Set<(view: AccountView) => void>();
  const command = (name: string) => async () => {
    calls.push(name);
    return { ok: true };
  };
  const names = ['signIn', 'cancelSignIn', 'submitCode', 'useLoopback', 'signOut', 'retry', 'allowWeakEncryption'];
  const more = ['setOpenAtLogin', 'openLoginItemSettings', 'copyDiagnostics', 'hidePopover', 'quit'];
  const api: Record<string, unknown> = Object.fromEntries([...names, ...more].map((name) => [name, command(name)]));
  api.getView = async () => view;
  api.onView = (listener: (view: AccountView) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  Object.assign(window, { latchkey: api, __calls: calls });
}

let chromium: Chromium;
beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});

/** The built popover in Chromium, served as the app serves it, with the fake API and a fixed clock. */
async function openPopover(view: AccountView, theme: 'light' | 'dark'): Promise<Page> {
  const page = await chromium.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  // The app's own protocol handler answers, with the bytes and headers the app would send.
  await page.route(`${origin}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const response = await rendererResponse(new Request(`app://popover${pathname}`), dirname(builtPaths.rendererIndex));
    await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
  });
  await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
  await page.clock.setFixedTime(new Date(now));
  await page.addInitScript(installFakeApi, view);
  await page.goto(`${origin}/index.html`);
  await page.locator('main[aria-busy="false"]').waitFor();
  expect(errors, 'the page logs no errors (a CSP violation shows up here)').toEqual([]);
  return page;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(),
  );
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/** States whose second look matters: the code field opened, the settings unfolded. */
const extras: Partial<Record<ViewName, (page: Page) => Promise<void>>> = {
  signingIn: async (page) => {
    await page.getByRole('button', { name: 'Paste code' }).click();
  },
  signedIn: async (page) => {
    await page.getByText('Settings').click();
  },
};

describe.each(['light', 'dark'] as const)('the popover in %s mode', (theme) => {
  it.each(Object.keys(views) as ViewName[])('%s: screenshot, and no serious or critical axe violation', async (name) => {
    const page = await openPopover(views[name], theme);
    try {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `popover-${name}-${theme}.png`) });
      expect(await seriousViolations(page)).toEqual([]);
      const extra = extras[name];
      if (extra) {
        await extra(page);
        await page.screenshot({ path: join(shots, `popover-${name}-${theme}-open.png`) });
        expect(await seriousViolations(page)).toEqual([]);
      }
    } finally {
      await page.close();
    }
  });
});

describe('the popover with large text', () => {
  it.each(['signedIn', 'signingIn', 'vaultWeak'] as const)('%s at 200 %% text: nothing runs off the side, everything still reachable', async (name) => {
    const page = await openPopover(views[name], 'light');
    try {
      // What a user's larger default font does: every size is in rem, so all of it grows.
      await page.evaluate(() => void (document.documentElement.style.fontSize = '200%'));
      await page.screenshot({ path: join(shots, `popover-${name}-large-text.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
      const quit = page.getByRole('button', { name: 'Quit Latchkey' });
      await quit.scrollIntoViewIfNeeded();
      expect(await quit.isVisible(), 'the popover scrolls to its last control').toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe('the popover from the keyboard', () => {
  it('reaches every control with Tab, in reading order, and works them with Enter and Space', async () => {
    const page = await openPopover(views.signingIn, 'light');
    try {
      const focused: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        await page.keyboard.press('Tab');
        focused.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
      }
      expect(focused).toEqual(['Cancel', 'Paste code', 'Use loopback instead', 'Settings', 'Quit Latchkey']);
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Paste code');
      await page.keyboard.press('Enter');
      const field = page.getByLabel('Sign-in code from your browser');
      await field.waitFor();
      await page.keyboard.press('Tab');
      expect(await field.evaluate((element) => element === document.activeElement), 'the field comes next').toBe(true);
      await page.keyboard.type('ABCD-1234');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (window as unknown as { __calls: string[] }).__calls.includes('submitCode'));
      await page.getByText('Settings').focus();
      await page.keyboard.press('Space');
      await page.getByRole('checkbox', { name: 'Open at login' }).waitFor();
    } finally {
      await page.close();
    }
  });
});
