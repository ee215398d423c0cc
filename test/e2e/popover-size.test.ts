import type { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { failed } from '../../src/contract/outcome';
import type { AccountView } from '../../src/contract/view';
import { now, views, type ViewName } from '../components/views';
import { launchChromium, type Chromium } from '../harness/chromium';
import type { DisplayLayout } from '../harness/electron-double';
import { startPopoverRig, type PopoverRig } from '../harness/popover-rig';

/**
 * The popover window is as tall as what it shows: the real window adapter on the Electron double,
 * the built popover in Chromium, sized by the height the popover measures of itself.
 */
let chromium: Chromium;
let rig: PopoverRig | undefined;
beforeAll(async () => {
  chromium = await launchChromium();
  await chromium.context.clock.setFixedTime(new Date(now));
});
afterAll(async () => {
  await chromium?.close();
});
afterEach(() => {
  rig?.close();
  rig = undefined;
});

/** A window whose height is the content's: nothing cut, nothing scrolling, no hole below. */
async function expectFitted(label: string): Promise<void> {
  const measured = await rig!.measure();
  expect(measured.viewport, `${label}: Chromium paints in the window's size`).toBe(measured.window);
  expect(Math.abs(measured.window - measured.content), `${label}: window ${measured.window} vs content ${measured.content}`).toBeLessThanOrEqual(3);
  expect(measured.blankBelow, `${label}: blank space below the content`).toBeLessThan(24);
  expect(measured.scrolls, `${label}: nothing scrolls`).toBe(false);
  expect(measured.overflowX, `${label}: nothing runs off the side`).toBeLessThanOrEqual(0);
}

describe('the popover is as tall as its content', () => {
  it('in every state, from one state to the next, with the code field, the server form and the settings open', async () => {
    rig = await startPopoverRig({ chromium, view: views.signedOut });
    for (const name of Object.keys(views) as ViewName[]) {
      await rig.push(views[name]);
      await expectFitted(name);
    }
    await rig.push(views.signingIn);
    await rig.page.getByRole('button', { name: 'Paste a code' }).click();
    await rig.settle();
    await expectFitted('signingIn with the code field open');
    await rig.push(views.signedInAdding);
    rig.answer('addAccountOnServer', () => failed('not_a_latchkey_server', 'auth.example.org is not a server Latchkey can sign in to.'));
    await rig.page.getByRole('button', { name: 'Add an account on another server' }).click();
    await rig.settle();
    await expectFitted('signedIn with the server form open');
    await rig.page.getByRole('textbox', { name: 'Server address' }).fill('auth.example.org');
    await rig.page.keyboard.press('Enter');
    await rig.page.getByRole('form', { name: 'Add an account on another server' }).getByText('auth.example.org is not a server Latchkey can sign in to.').waitFor();
    await rig.settle();
    await expectFitted('signedIn with a refusal in the server form');
    await rig.push(views.signedIn);
    await rig.page.getByText('Settings').click();
    await rig.settle();
    await expectFitted('signedIn with the settings open');
    const long: AccountView = {
      ...views.signedIn,
      profile: { name: 'Maria Anna Walburga Ignatia Mozart-Berchtold zu Sonnenburg', email: 'maria.anna.walburga.ignatia.mozart@a-very-long-domain.example.com', image: null, initials: 'MM' },
    };
    await rig.push(long);
    await expectFitted('a long name and address');
  });

  it('is the right size the first time it shows, even when clicked before the page had measured itself', async () => {
    const shownAt: number[] = [];
    rig = await startPopoverRig({
      chromium,
      view: views.signedIn,
      beforeReady: (popover, window) => {
        (window as unknown as EventEmitter).on('show', () => shownAt.push(window.getBounds().height));
        popover.show();
      },
    });
    expect(shownAt, 'shown once, after the content measured itself').toHaveLength(1);
    const { content } = await rig.measure();
    expect(Math.abs(shownAt[0]! - content), `shown at ${shownAt[0]}, content ${content}`).toBeLessThanOrEqual(3);
    await expectFitted('first show');
  });

  it('with large text on a short display, stops at the work area and scrolls inside, never off screen', async () => {
    const laptop: DisplayLayout = { bounds: { x: 0, y: 0, width: 1024, height: 600 }, workArea: { x: 0, y: 0, width: 1024, height: 560 } };
    rig = await startPopoverRig({ chromium, view: views.signedIn, displays: [laptop], trayBounds: { x: 900, y: 568, width: 24, height: 24 } });
    rig.popover.show();
    await rig.page.getByText('Settings').click();
    await rig.page.evaluate(() => void (document.documentElement.style.fontSize = '200%'));
    await rig.settle();
    const bounds = rig.window.getBounds();
    expect(bounds.height, 'the work area less a gap above and below').toBe(552);
    expect(bounds.y).toBeGreaterThanOrEqual(0);
    expect(bounds.y + bounds.height).toBeLessThanOrEqual(560);
    const measured = await rig.measure();
    expect(measured.scrolls, 'the content scrolls inside the popover').toBe(true);
    expect(measured.overflowX, 'nothing runs off the side').toBeLessThanOrEqual(0);
    const quit = rig.page.getByRole('button', { name: 'Quit Latchkey' });
    await quit.scrollIntoViewIfNeeded();
    expect(await quit.isVisible(), 'the last control is reachable').toBe(true);
  });
});

describe('after a resize the popover is still anchored and inside the screen', () => {
  const taskbars: { edge: string; workArea: DisplayLayout['workArea']; tray: { x: number; y: number; width: number; height: number } }[] = [
    { edge: 'bottom', workArea: { x: 0, y: 0, width: 1920, height: 1040 }, tray: { x: 1890, y: 1048, width: 24, height: 24 } },
    { edge: 'top', workArea: { x: 0, y: 40, width: 1920, height: 1040 }, tray: { x: 1890, y: 8, width: 24, height: 24 } },
    { edge: 'left', workArea: { x: 40, y: 0, width: 1880, height: 1080 }, tray: { x: 8, y: 1050, width: 24, height: 24 } },
    { edge: 'right', workArea: { x: 0, y: 0, width: 1880, height: 1080 }, tray: { x: 1888, y: 2, width: 24, height: 24 } },
  ];

  it('on all four taskbar edges, growing from a short state to a tall one', async () => {
    rig = await startPopoverRig({ chromium, view: views.signedOut });
    for (const { edge, workArea, tray } of taskbars) {
      rig.double.screen.layout([{ bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea }]);
      rig.setTray(tray);
      await rig.push(views.signedOut);
      rig.popover.show();
      const short = rig.window.getBounds();
      await rig.push({ ...views.vaultWeak, status: 'signedIn', profile: views.signedIn.profile, session: views.signedIn.session });
      await rig.page.evaluate(() => void (document.documentElement.style.fontSize = '150%'));
      await rig.settle();
      const tall = rig.window.getBounds();
      expect(tall.height, `${edge}: it grew`).toBeGreaterThan(short.height);
      expect(tall.x, `${edge}: left edge`).toBeGreaterThanOrEqual(workArea.x);
      expect(tall.y, `${edge}: top edge`).toBeGreaterThanOrEqual(workArea.y);
      expect(tall.x + tall.width, `${edge}: right edge`).toBeLessThanOrEqual(workArea.x + workArea.width);
      expect(tall.y + tall.height, `${edge}: bottom edge`).toBeLessThanOrEqual(workArea.y + workArea.height);
      expect(rig.popover.placement()?.anchoredTo, `${edge}: still against the tray`).toBe('tray');
      if (edge === 'bottom') expect(tall.y + tall.height, 'grew upwards, away from the taskbar').toBe(short.y + short.height);
      if (edge === 'top') expect(tall.y, 'grew downwards, away from the menu bar').toBe(short.y);
      await rig.page.evaluate(() => void (document.documentElement.style.fontSize = ''));
      rig.popover.hide();
    }
  });
});
