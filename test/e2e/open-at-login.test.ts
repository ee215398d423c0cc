import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../harness/app';

describe('open at login', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('a start at login shows the tray only and asks nothing of the user', async () => {
    const opened: string[] = [];
    harness = await startHarness({ argv: ['/opt/Latchkey/latchkey', '--hidden'], onOpenExternal: (url) => void opened.push(url) });
    expect(harness.app.launchMode).toEqual({ startedAtLogin: true, showPopover: false, interactive: false });
    expect(harness.double.tray.tooltip).toBe('Latchkey: Signed out.');
    expect(harness.popoverWindow().isVisible()).toBe(false);
    expect(opened).toEqual([]);
  });

  it('the tray menu switch writes the autostart entry and shows what the file says', async () => {
    harness = await startHarness();
    const entry = join(harness.userData, 'config', 'autostart', 'dev.latchkey.app.desktop');
    expect(harness.double.tray.menuItem('Open at Login')).toMatchObject({ checked: false, enabled: true });
    harness.double.tray.clickMenuItem('Open at Login');
    await expect.poll(() => harness!.double.tray.menuItem('Open at Login').checked).toBe(true);
    expect(readFileSync(entry, 'utf8')).toContain('--hidden');
    harness.double.tray.clickMenuItem('Open at Login');
    await expect.poll(() => harness!.double.tray.menuItem('Open at Login').checked).toBe(false);
    expect(existsSync(entry)).toBe(false);
  });

  it('macOS: wasOpenedAtLogin makes the start quiet', async () => {
    harness = await startHarness({ platform: 'darwin', beforeReady: (double) => void (double.app.loginItem.wasOpenedAtLogin = true) });
    expect(harness.app.launchMode.startedAtLogin).toBe(true);
    expect(harness.popoverWindow().isVisible()).toBe(false);
  });
});
