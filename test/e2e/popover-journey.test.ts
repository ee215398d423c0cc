import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/app';
import { FakeClock } from '../harness/fake-clock';

describe('the popover from the tray', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('opens on a tray click with the current state, and hides on a click elsewhere and on Esc', async () => {
    const clock = new FakeClock();
    harness = await startHarness({ clock });
    const { double } = harness;
    const window = harness.popoverWindow();
    const page = window.page();
    expect(window.options, 'created hidden, frameless, fixed, out of the taskbar').toMatchObject({
      frame: false,
      resizable: false,
      skipTaskbar: true,
      show: false,
    });
    // Started by hand, the app shows where it lives once; close that first.
    harness.app.popover.hide();
    expect(window.isVisible()).toBe(false);

    double.tray.click();
    expect(window.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Sign in with browser' }).waitFor();
    // Linux reports no tray bounds: the popover goes to the pointer, inside the work area.
    const { x, y, width, height } = window.getBounds();
    const area = double.screen.getPrimaryDisplay().workArea;
    expect(x + width).toBeLessThanOrEqual(area.x + area.width);
    expect(y + height).toBeLessThanOrEqual(area.y + area.height);

    await harness.app.account.signIn();
    await page.getByRole('heading', { name: 'Waiting for your browser' }).waitFor();

    window.blur();
    expect(window.isVisible(), 'a click elsewhere hides it').toBe(false);
    double.tray.click();
    expect(window.isVisible(), 'the tray click that caused the blur closes, not reopens').toBe(false);
    await clock.advance(1_000);
    double.tray.click();
    expect(window.isVisible(), 'a later click opens it again').toBe(true);
    await page.getByRole('heading', { name: 'Waiting for your browser' }).waitFor();

    await page.keyboard.press('Escape');
    await expect.poll(() => window.isVisible(), { message: 'Esc hides it' }).toBe(false);

    double.tray.click();
    expect(window.isVisible()).toBe(true);
    double.tray.click();
    expect(window.isVisible(), 'a second click on the open popover closes it').toBe(false);
  });

  it('sits above the icon when the taskbar reports where the icon is', async () => {
    harness = await startHarness({ clock: new FakeClock() });
    const { double } = harness;
    double.tray.bounds = { x: 1700, y: 1044, width: 24, height: 32 };
    harness.app.popover.hide();
    double.tray.click();
    expect(harness.popoverWindow().isVisible()).toBe(true);
    const { x, y, width, height } = harness.popoverWindow().getBounds();
    expect(x + width / 2, 'centred on the icon').toBe(1712);
    expect(y + height, 'just above the taskbar').toBeLessThanOrEqual(1040);
    expect(y + height).toBeGreaterThan(1030);
  });
});
