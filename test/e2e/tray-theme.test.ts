import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from '../harness/app';
import { launchChromium, type Chromium } from '../harness/chromium';
import { imagePath, type ImageDouble } from '../harness/electron-double';

/** The tray icon stays visible on the panel behind it, as the OS reports that panel's theme. */
let chromium: Chromium;
let harness: Harness | undefined;
beforeAll(async () => {
  chromium = await launchChromium();
});
afterAll(async () => {
  await chromium?.close();
});
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const start = async (options: HarnessOptions) => (harness = await startHarness({ chromium, argv: ['/opt/Latchkey/latchkey', '--hidden'], ...options }));
const shownIcon = (app: Harness) => {
  const image = app.double.tray.image as unknown as ImageDouble;
  expect(image.exists, `${image.path} exists`).toBe(true);
  return basename(imagePath(app.double.tray.image));
};

describe('the tray icon on its panel', () => {
  it("Windows 11's default, dark apps on a light taskbar: a dark icon, which follows the taskbar's theme", async () => {
    const app = await start({ platform: 'win32', beforeReady: (double) => double.nativeTheme.startWith({ dark: true, taskbarDark: false }) });
    expect(shownIcon(app)).toBe('signedOut-on-light.ico');
    app.double.nativeTheme.change({ taskbarDark: true });
    expect(shownIcon(app)).toBe('signedOut-on-dark.ico');
    app.double.nativeTheme.change({ highContrast: true });
    expect(shownIcon(app)).toBe('signedOut-on-dark-hc.ico');
    await app.popoverWindow().page().getByText('Settings').click();
    expect(await app.popoverWindow().page().getByLabel('Tray icon').count(), 'Windows needs no override').toBe(0);
  });

  it('macOS keeps template images, whatever the appearance', async () => {
    const app = await start({ platform: 'darwin' });
    expect(shownIcon(app)).toBe('signedOutTemplate.png');
    app.double.nativeTheme.change({ dark: true, highContrast: true });
    expect(shownIcon(app)).toBe('signedOutTemplate.png');
  });

  it('Linux follows the GTK theme, and the user can say what the panel looks like; the choice is kept', async () => {
    const userData = mkdtempSync(join(tmpdir(), 'latchkey-tray-theme-'));
    try {
      let app = await start({ userData, beforeReady: (double) => double.nativeTheme.startWith({ dark: false }) });
      expect(shownIcon(app)).toBe('signedOut-on-light.png');
      app.double.nativeTheme.change({ dark: true });
      expect(shownIcon(app)).toBe('signedOut-on-dark.png');

      // A dark GTK theme with a light panel: the user picks the dark icon.
      const page = app.popoverWindow().page();
      await page.getByText('Settings').click();
      const from = app.logs.length;
      await page.getByLabel('Tray icon').selectOption({ label: 'Dark icon, for a light panel' });
      await app.logged('The tray icon changed for the panel behind it', { variant: 'onLight' }, from);
      expect(shownIcon(app)).toBe('signedOut-on-light.png');
      app.double.nativeTheme.change({ dark: false });
      app.double.nativeTheme.change({ dark: true });
      expect(shownIcon(app), 'the choice outranks the theme').toBe('signedOut-on-light.png');

      await harness!.close();
      app = await start({ userData, beforeReady: (double) => double.nativeTheme.startWith({ dark: true }) });
      expect(shownIcon(app), 'kept across a restart').toBe('signedOut-on-light.png');
      const again = app.popoverWindow().page();
      await again.getByText('Settings').click();
      expect(await again.getByLabel('Tray icon').inputValue()).toBe('light');
    } finally {
      await harness?.close();
      harness = undefined;
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
