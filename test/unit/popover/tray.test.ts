import { existsSync, readFileSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type * as Electron from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { contextMenuMode, trayIconNames, trayPresentation } from '../../../src/core/account/tray-presentation';
import type { AccountState, Profile } from '../../../src/core/account/state';
import { createTray, trayMenuTemplate } from '../../../src/main/adapters/tray';
import { trayIconFile } from '../../../src/core/account/tray-icon-theme';

const staticDir = fileURLToPath(new URL('../../../static', import.meta.url));
const ada: Profile = { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', image: null };

const states: [AccountState, string, string, string][] = [
  [{ kind: 'starting', profile: null }, 'signedOut', 'Latchkey: Checking your session.', 'Sign in…'],
  [{ kind: 'signedOut', notice: null }, 'signedOut', 'Latchkey: Signed out.', 'Sign in…'],
  [{ kind: 'signingIn', attemptExpiresAt: 1, via: 'scheme', device: null, profile: null, notice: null }, 'signedOut', 'Latchkey: Waiting for your browser.', 'Cancel sign-in'],
  [{ kind: 'signedIn', profile: ada, expiresAt: 2, lastConfirmedAt: 1 }, 'signedIn', 'Latchkey: Signed in as Ada Lovelace.', 'Sign out'],
  [{ kind: 'expiringSoon', profile: ada, expiresAt: 2, lastConfirmedAt: 1, threshold: 1 }, 'attention', 'Latchkey: Your session ends soon.', 'Sign out'],
  [{ kind: 'expired', profile: ada, notice: { tone: 'error', text: 'x' } }, 'expired', 'Latchkey: Session expired — sign in again.', 'Sign in…'],
  [{ kind: 'offline', profile: ada, expiresAt: 2, lastConfirmedAt: null, trouble: 'network' }, 'offline', 'Latchkey: Offline. Latchkey keeps your session and retries.', 'Sign out'],
  [{ kind: 'offline', profile: ada, expiresAt: 2, lastConfirmedAt: 1, trouble: 'tls' }, 'attention', "Latchkey: The sign-in server's certificate is not trusted. Latchkey keeps your session and retries.", 'Sign out'],
  [{ kind: 'offline', profile: ada, expiresAt: 2, lastConfirmedAt: 1, trouble: 'attention' }, 'attention', 'Latchkey: The network needs attention. Latchkey keeps your session and retries.', 'Sign out'],
  [{ kind: 'keyringLocked', profile: ada }, 'attention', 'Latchkey: Waiting for your system keyring.', 'Sign out'],
];

describe('the tray for each account state', () => {
  it.each(states)('%o: icon %s, tooltip "%s", menu offers "%s"', (state, icon, tooltip, action) => {
    const presentation = trayPresentation(state, 'Latchkey');
    expect(presentation.icon).toBe(icon);
    expect(presentation.tooltip).toBe(tooltip);
    const menu = trayMenuTemplate({ presentation, openAtLogin: { supported: true, enabled: false } }, actions());
    expect(menu.map((item) => item.label ?? item.type)).toEqual(['Open Latchkey', action, 'separator', 'Open at Login', 'separator', 'Quit Latchkey']);
  });
});

function actions() {
  return { open: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), cancelSignIn: vi.fn(), setOpenAtLogin: vi.fn(), restartToUpdate: vi.fn(), quit: vi.fn(), selectAccount: vi.fn(), toggle: vi.fn() };
}

describe('the tray menu', () => {
  it('runs what each item says', () => {
    const act = actions();
    const presentation = trayPresentation({ kind: 'signedIn', profile: ada, expiresAt: 2, lastConfirmedAt: 1 }, 'Latchkey');
    const menu = trayMenuTemplate({ presentation, openAtLogin: { supported: true, enabled: true } }, act);
    const click = (label: string, checked?: boolean) =>
      menu.find((item) => item.label === label)!.click!({ checked } as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
    click('Open Latchkey');
    click('Sign out');
    click('Open at Login', false);
    click('Quit Latchkey');
    expect(act.open).toHaveBeenCalled();
    expect(act.signOut).toHaveBeenCalled();
    expect(act.setOpenAtLogin).toHaveBeenCalledWith(false);
    expect(act.quit).toHaveBeenCalled();
    expect(menu.find((item) => item.label === 'Open at Login')).toMatchObject({ type: 'checkbox', checked: true, enabled: true });
  });

  it('offers the restart that installs a downloaded update, with its version, above Quit', () => {
    const act = actions();
    const presentation = trayPresentation({ kind: 'signedOut', notice: null }, 'Latchkey');
    const menu = trayMenuTemplate({ presentation, openAtLogin: { supported: true, enabled: false }, update: { version: '0.2.0' } }, act);
    const labels = menu.map((item) => item.label ?? item.type);
    expect(labels.slice(-2)).toEqual(['Restart to Update (0.2.0)', 'Quit Latchkey']);
    menu.find((item) => item.label === 'Restart to Update (0.2.0)')!.click!({} as Electron.MenuItem, undefined, {} as Electron.KeyboardEvent);
    expect(act.restartToUpdate).toHaveBeenCalledOnce();
  });

  it('greys out Open at Login where the system has no login items', () => {
    const presentation = trayPresentation({ kind: 'signedOut', notice: null }, 'Latchkey');
    const menu = trayMenuTemplate({ presentation, openAtLogin: { supported: false, enabled: false } }, actions());
    expect(menu.find((item) => item.label === 'Open at Login')?.enabled).toBe(false);
  });
});

class FakeTray extends EventEmitter {
  menu: unknown = null;
  poppedUp: unknown[] = [];
  setImage() {}
  setToolTip() {}
  setContextMenu(menu: unknown) {
    this.menu = menu;
  }
  popUpContextMenu(menu: unknown) {
    this.poppedUp.push(menu);
  }
  getBounds() {
    return { x: 0, y: 0, width: 0, height: 0 };
  }
  destroy() {}
}

function trayOn(platform: NodeJS.Platform) {
  const act = actions();
  let created: FakeTray | null = null;
  const electron = {
    Tray: class extends FakeTray {
      constructor() {
        super();
        created = this;
      }
    },
    Menu: { buildFromTemplate: (template: unknown) => ({ template }) },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
  } as unknown as Parameters<typeof createTray>[0];
  const tray = createTray(electron, staticDir, platform, platform === 'darwin' ? 'template' : 'onLight', act);
  tray.render({ presentation: trayPresentation({ kind: 'signedOut', notice: null }, 'Latchkey'), openAtLogin: { supported: true, enabled: false } });
  return { fake: created! as FakeTray, act };
}

describe('reaching the menu on each OS', () => {
  it('on macOS keeps the left click for the popover and pops the menu on a right click', () => {
    expect(contextMenuMode('darwin')).toBe('rightClick');
    const { fake, act } = trayOn('darwin');
    expect(fake.menu, 'an attached menu would swallow the left click').toBeNull();
    fake.emit('click');
    expect(act.toggle).toHaveBeenCalledTimes(1);
    fake.emit('right-click');
    expect(fake.poppedUp).toHaveLength(1);
  });

  it.each(['linux', 'win32'] as const)('on %s attaches the menu', (platform) => {
    const { fake, act } = trayOn(platform);
    expect(fake.menu).not.toBeNull();
    fake.emit('click');
    expect(act.toggle).toHaveBeenCalledTimes(1);
  });
});

describe('the icon files', () => {
  const pngSize = (path: string) => {
    const data = readFileSync(path);
    expect(data.subarray(1, 4).toString('ascii'), `${path} is a PNG`).toBe('PNG');
    return [data.readUInt32BE(16), data.readUInt32BE(20)];
  };

  const tray = (file: string) => join(staticDir, 'tray', file);
  const variants = ['onDark', 'onLight', 'onDarkHighContrast', 'onLightHighContrast'] as const;

  it.each(trayIconNames)('%s exists for macOS (1x and 2x template), and for each panel on Linux (PNG) and Windows (ICO)', (icon) => {
    expect(pngSize(tray(trayIconFile(icon, 'template', 'darwin')))).toEqual([16, 16]);
    expect(pngSize(tray(trayIconFile(icon, 'template', 'darwin').replace('.png', '@2x.png')))).toEqual([32, 32]);
    for (const variant of variants) {
      expect(pngSize(tray(trayIconFile(icon, variant, 'linux')))).toEqual([22, 22]);
      const ico = readFileSync(tray(trayIconFile(icon, variant, 'win32')));
      expect([ico.readUInt16LE(0), ico.readUInt16LE(2)], 'an ICO header').toEqual([0, 1]);
      expect(ico.readUInt16LE(4), 'images at several scale factors').toBeGreaterThanOrEqual(4);
    }
  });

  it('draws a dark glyph for light panels and a light one for dark panels', () => {
    // The mean colour of the opaque pixels of a 22 px PNG, read back through its IDAT.
    const meanOpaque = (file: string) => {
      const data = readFileSync(tray(file));
      const idat = data.subarray(data.indexOf('IDAT') + 4, data.indexOf('IEND') - 8);
      const raw = inflateSync(idat);
      let sum = 0;
      let count = 0;
      for (let y = 0; y < 22; y += 1) {
        for (let x = 0; x < 22; x += 1) {
          const i = y * (22 * 4 + 1) + 1 + x * 4;
          if (raw[i + 3]! < 250) continue;
          sum += (raw[i]! + raw[i + 1]! + raw[i + 2]!) / 3;
          count += 1;
        }
      }
      return sum / count;
    };
    expect(meanOpaque('signedIn-on-light.png')).toBeLessThan(96);
    expect(meanOpaque('signedIn-on-dark.png')).toBeGreaterThan(160);
  });

  it('has a 512 px app icon for the installers', () => {
    expect(existsSync(join(staticDir, 'build/icon.png'))).toBe(true);
    expect(pngSize(join(staticDir, 'build/icon.png'))).toEqual([512, 512]);
  });
});
