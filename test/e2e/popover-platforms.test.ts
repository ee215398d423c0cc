import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { views } from '../components/views';
import { launchChromium, type Chromium } from '../harness/chromium';
import { startPopoverRig, type PopoverRig } from '../harness/popover-rig';

/**
 * What each OS does to the popover window that the others do not: macOS Spaces and cooperative
 * activation, Wayland's compositor placing windows itself.
 */
let chromium: Chromium;
let rig: PopoverRig | undefined;
beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});
afterEach(() => {
  rig?.close();
  rig = undefined;
});

const menuBarIcon = { x: 1200, y: 0, width: 30, height: 24 };

describe('macOS', () => {
  it('opens on the active Space and over full-screen apps', async () => {
    rig = await startPopoverRig({ chromium, view: views.signedIn, platform: 'darwin', trayBounds: menuBarIcon });
    expect(rig.window.workspaces).toEqual({ allSpaces: true, overFullScreen: true });
  });

  it('takes focus from the app in front, so a click elsewhere hides it, every time it opens', async () => {
    rig = await startPopoverRig({ chromium, view: views.signedIn, platform: 'darwin', trayBounds: menuBarIcon });
    expect(rig.double.app.active, 'another app is in front when the user clicks the menu bar').toBe(false);
    for (const round of [1, 2]) {
      rig.popover.show();
      expect(rig.window.isFocused(), `round ${round}: the popover is the key window`).toBe(true);
      rig.window.blur();
      expect(rig.window.isVisible(), `round ${round}: a click into another app hides it`).toBe(false);
      expect(rig.double.app.active, 'that app is in front again').toBe(false);
    }
    expect(rig.double.app.focusRequests, 'activation is asked for on each open, and only then').toEqual([{ steal: true }, { steal: true }]);
  });
});

describe('Windows and Linux', () => {
  it('leave Spaces alone (Windows has none) and never steal activation', async () => {
    rig = await startPopoverRig({ chromium, view: views.signedIn, platform: 'win32', trayBounds: { x: 1700, y: 1044, width: 24, height: 32 } });
    rig.popover.show();
    expect(rig.window.workspaces).toBeNull();
    expect(rig.double.app.focusRequests).toEqual([]);
    expect(rig.window.isFocused()).toBe(true);
    rig.window.blur();
    expect(rig.window.isVisible()).toBe(false);
  });
});

describe('Wayland', () => {
  it('lets the compositor place the popover and says it is not anchored, while still fitting the content', async () => {
    rig = await startPopoverRig({ chromium, view: views.signedOut, session: 'wayland' });
    rig.popover.show();
    expect(rig.popover.placement()?.anchoredTo, 'never claims to sit at the tray').toBe('compositor');
    expect(rig.logs.map((line) => line.message)).toContain('The window manager places the popover itself; it is not anchored to the tray');
    await rig.push(views.signedIn);
    const measured = await rig.measure();
    expect(Math.abs(measured.window - measured.content), 'the size is still the content’s').toBeLessThanOrEqual(3);
    expect(rig.popover.placement()?.anchoredTo).toBe('compositor');
    rig.window.blur();
    expect(rig.window.isVisible(), 'a click elsewhere still hides it').toBe(false);
  });

  it('on X11 the same popover is anchored', async () => {
    rig = await startPopoverRig({ chromium, view: views.signedOut, session: 'x11' });
    rig.popover.show();
    expect(rig.popover.placement()?.anchoredTo).toBe('cursor');
    expect(rig.logs).toEqual([]);
  });
});
