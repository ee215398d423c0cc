import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { autostartState } from '../../../src/core/login-items/autostart-entry';
import { LoginItemsError } from '../../../src/core/login-items/errors';
import { createLoginItems, type LoginItemsDeps } from '../../../src/main/adapters/login-items';

const on = { supported: true, enabled: true, requiresApproval: false };
const off = { supported: true, enabled: false, requiresApproval: false };

let root: string;
let configHome: string;
let systemDir: string;
let entryPath: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'latchkey-autostart-'));
  configHome = join(root, 'config');
  systemDir = join(root, 'xdg');
  entryPath = join(configHome, 'autostart', 'dev.latchkey.app.desktop');
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function linuxItems(overrides: Partial<LoginItemsDeps> = {}) {
  const openedUrls: string[] = [];
  const app: LoginItemsDeps['app'] = {
    getLoginItemSettings: () => {
      throw new Error('Electron has no login items on Linux');
    },
    setLoginItemSettings: () => {
      throw new Error('Electron has no login items on Linux');
    },
  };
  return createLoginItems({
    app,
    shell: { openExternal: async (url) => void openedUrls.push(url) },
    platform: 'linux',
    command: { program: '/home/ada/My Apps/Latchkey.AppImage', args: ['--hidden'] },
    argv: ['/tmp/.mount_Latch/latchkey'],
    productName: 'Latchkey',
    appId: 'dev.latchkey.app',
    env: { XDG_CONFIG_HOME: configHome, XDG_CONFIG_DIRS: systemDir },
    home: join(root, 'home'),
    ...overrides,
  });
}

describe('open at login on Linux (XDG autostart)', () => {
  it('enables, reads back from the file, and disables by removing the entry', async () => {
    const items = linuxItems();
    expect(await items.read()).toEqual(off);

    expect(await items.write(true)).toEqual(on);
    const text = await readFile(entryPath, 'utf8');
    expect(text).toContain('Exec="/home/ada/My Apps/Latchkey.AppImage" --hidden\n');
    expect(autostartState(text)).toEqual({ on: true, argv: ['/home/ada/My Apps/Latchkey.AppImage', '--hidden'] });
    expect(await readdir(join(configHome, 'autostart'))).toEqual(['dev.latchkey.app.desktop']);

    expect(await items.write(false)).toEqual(off);
    expect(await readdir(join(configHome, 'autostart'))).toEqual([]);
    expect(await items.write(false)).toEqual(off);
  });

  it('believes the file over its own last write', async () => {
    const items = linuxItems();
    await items.write(true);
    await writeFile(entryPath, `${await readFile(entryPath, 'utf8')}Hidden=true\n`);
    expect(await items.read()).toEqual(off);
    // Turning it on again replaces the edited entry with one that starts us.
    expect(await items.write(true)).toEqual(on);
    await writeFile(entryPath, (await readFile(entryPath, 'utf8')).replace('X-GNOME-Autostart-enabled=true', 'X-GNOME-Autostart-enabled=false'));
    expect(await items.read()).toEqual(off);
  });

  it('masks a system-wide entry when switched off, instead of leaving it to start us', async () => {
    await mkdir(join(systemDir, 'autostart'), { recursive: true });
    await writeFile(join(systemDir, 'autostart', 'dev.latchkey.app.desktop'), '[Desktop Entry]\nType=Application\nName=Latchkey\nExec=Latchkey.AppImage\n');
    const items = linuxItems();
    expect(await items.read()).toEqual(on);
    expect(await items.write(false)).toEqual(off);
    expect(autostartState(await readFile(entryPath, 'utf8'))).toEqual({ on: false, reason: 'hidden' });
    expect(await items.write(true)).toEqual(on);
  });

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset', async () => {
    const items = linuxItems({ env: { XDG_CONFIG_DIRS: systemDir } });
    await items.write(true);
    expect(autostartState(await readFile(join(root, 'home', '.config', 'autostart', 'dev.latchkey.app.desktop'), 'utf8')).on).toBe(true);
  });

  it('reports a failed write as an I/O failure and leaves no temporary file behind', async () => {
    // A directory where the entry should be: the final rename fails even for root.
    await mkdir(entryPath, { recursive: true });
    const items = linuxItems();
    const failure = await items.write(true).then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(LoginItemsError);
    expect((failure as LoginItemsError).failure).toBe('io');
    expect((failure as LoginItemsError).message).toContain('dev.latchkey.app.desktop');
    expect(await readdir(join(configHome, 'autostart'))).toEqual(['dev.latchkey.app.desktop']);
    await expect(items.read()).rejects.toMatchObject({ failure: 'io' });
  });

  it('reports an autostart path blocked by a file as an I/O failure', async () => {
    await mkdir(configHome, { recursive: true });
    await writeFile(join(configHome, 'autostart'), 'not a directory');
    const items = linuxItems();
    expect(await items.read()).toEqual(off);
    await expect(items.write(true)).rejects.toMatchObject({ failure: 'io' });
  });

  it('is unavailable inside a Flatpak, has no settings pane, and knows a hidden start by its flag', async () => {
    const sandboxed = linuxItems({ env: { XDG_CONFIG_HOME: configHome, FLATPAK_ID: 'dev.latchkey.app' } });
    expect(await sandboxed.read()).toEqual({ supported: false, enabled: false, requiresApproval: false });
    await expect(sandboxed.write(true)).rejects.toMatchObject({ failure: 'unsupported' });
    await expect(linuxItems().openSystemSettings()).rejects.toMatchObject({ failure: 'no_settings_pane' });
    expect(linuxItems({ argv: ['/tmp/.mount_Latch/latchkey', '--hidden'] }).wasOpenedAtLogin()).toBe(true);
    expect(linuxItems().wasOpenedAtLogin()).toBe(false);
  });
});
