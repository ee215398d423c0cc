import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessibilityTree } from '../harness/accessibility-tree';
import { startHarness, type Harness } from '../harness/app';

/**
 * The global shortcut in the running app on Windows (where one is offered by default): it opens
 * and closes the popover from anywhere, Settings changes it, and one another app holds is refused.
 */
let harness: Harness;
let tree: AccessibilityTree;
beforeAll(async () => {
  harness = await startHarness({
    platform: 'win32',
    beforeReady: (double) => double.globalShortcut.heldByAnotherApp('Control+Alt+K'),
  });
  tree = await AccessibilityTree.of(harness.popoverWindow().page());
});
afterAll(async () => {
  await tree?.close();
  await harness?.close();
});

describe('the global shortcut', () => {
  it('opens the popover centred on the active display where the tray has no bounds, focused on its heading, and closes it', async () => {
    const { double } = harness;
    const window = harness.popoverWindow();
    double.tray.click();
    expect(window.isVisible()).toBe(false);
    double.screen.cursor = { x: 400, y: 300 };

    expect(double.globalShortcut.press('Alt+Shift+L'), 'the default is held').toBe(true);
    expect(window.isVisible()).toBe(true);
    expect(harness.app.popover.placement()).toMatchObject({ anchoredTo: 'centre', x: (1920 - 360) / 2 });
    await expect.poll(() => tree.focused()).toBe("heading You're signed out");

    double.globalShortcut.press('Alt+Shift+L');
    expect(window.isVisible(), 'the same shortcut closes it').toBe(false);
  });

  it('opens it under the tray as usual where the tray reports its bounds', () => {
    const { double } = harness;
    double.tray.bounds = { x: 1700, y: 1044, width: 24, height: 32 };
    double.globalShortcut.press('Alt+Shift+L');
    expect(harness.app.popover.placement()).toMatchObject({ anchoredTo: 'tray', edge: 'bottom' });
  });

  it('refuses in Settings a shortcut another app holds, with a sentence, and keeps the old one', async () => {
    const page = harness.popoverWindow().page();
    await page.getByText('Settings', { exact: true }).click();
    await page.getByRole('button', { name: 'Change shortcut' }).press('Enter');
    await page.keyboard.press('Control+Alt+KeyK');
    await expect.poll(() => tree.liveRegion('alert')).toBe('Ctrl+Alt+K is already used by another app. Choose another shortcut.');
    expect(harness.double.globalShortcut.held()).toEqual(['alt+shift+l']);
    expect(await page.getByText('Shortcut to open Latchkey: Alt+Shift+L').count()).toBe(1);
  });

  it('changes to a free one, which then opens the popover, and turns off', async () => {
    const { double } = harness;
    const page = harness.popoverWindow().page();
    await page.getByRole('button', { name: 'Change shortcut' }).press('Enter');
    await page.keyboard.press('Control+Alt+KeyJ');
    await page.getByText('Shortcut to open Latchkey: Ctrl+Alt+J').waitFor();
    expect(double.globalShortcut.press('Alt+Shift+L'), 'the old one is let go').toBe(false);
    // The popover was open: the new shortcut closes it, and opens it again.
    expect(double.globalShortcut.press('Control+Alt+J')).toBe(true);
    expect(harness.popoverWindow().isVisible()).toBe(false);
    double.globalShortcut.press('Control+Alt+J');
    expect(harness.popoverWindow().isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Turn off' }).press('Enter');
    await page.getByText('Shortcut to open Latchkey: none').waitFor();
    expect(double.globalShortcut.held()).toEqual([]);
  });
});
