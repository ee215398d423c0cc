import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { protocolPlan } from '../../../src/core/auth/protocol-plan';
import { registerLinuxEntry, registerProtocol } from '../../../src/main/adapters/protocol-registration';
import { silentLogger } from '../../../src/core/ports';

let dataHome: string;
let runs: string[][];
const run = async (file: string, args: string[]) => {
  runs.push([file, ...args]);
  return '';
};

beforeEach(() => {
  dataHome = mkdtempSync(join(tmpdir(), 'latchkey-xdg-'));
  runs = [];
});
afterEach(() => rmSync(dataHome, { recursive: true, force: true }));

const appImagePlan = protocolPlan({
  platform: 'linux',
  isPackaged: true,
  execPath: '/tmp/.mount_Latch/latchkey',
  appPath: '/tmp/.mount_Latch/resources/app.asar',
  appImage: '/home/ada/Apps/Latchkey.AppImage',
  scheme: 'dev.latchkey.app',
  productName: 'Latchkey',
});

describe('registering the scheme on Linux outside a package', () => {
  it('writes the entry under $XDG_DATA_HOME/applications and makes it the default with xdg-mime', async () => {
    const result = await registerProtocol({ setAsDefaultProtocolClient: () => false }, appImagePlan, { xdgDataHome: dataHome, run, logger: silentLogger });
    const path = join(dataHome, 'applications', 'dev.latchkey.app.url-handler.desktop');
    expect(result).toEqual({ registered: true, entryPath: path });
    expect(readFileSync(path, 'utf8')).toBe(appImagePlan.linuxEntry!.content);
    expect(statSync(path).mode & 0o777).toBe(0o644);
    expect(runs).toEqual([['xdg-mime', 'default', 'dev.latchkey.app.url-handler.desktop', 'x-scheme-handler/dev.latchkey.app']]);
  });

  it('replaces an outdated entry (the AppImage moved)', async () => {
    const path = join(dataHome, 'applications', 'dev.latchkey.app.url-handler.desktop');
    mkdirSync(join(dataHome, 'applications'));
    writeFileSync(path, '[Desktop Entry]\nExec="/old/place/Latchkey.AppImage" %u\n');
    await registerLinuxEntry(appImagePlan.linuxEntry!, { xdgDataHome: dataHome, run, logger: silentLogger });
    expect(readFileSync(path, 'utf8')).toContain('/home/ada/Apps/Latchkey.AppImage');
  });

  it('reports xdg-mime failing rather than claiming success', async () => {
    const failing = async () => {
      throw new Error('xdg-mime: command not found');
    };
    expect(await registerLinuxEntry(appImagePlan.linuxEntry!, { xdgDataHome: dataHome, run: failing, logger: silentLogger })).toEqual({
      registered: false,
      reason: 'xdg-mime failed',
    });
  });

  it('reports a folder it cannot write', async () => {
    writeFileSync(join(dataHome, 'applications'), 'not a folder');
    const result = await registerLinuxEntry(appImagePlan.linuxEntry!, { xdgDataHome: dataHome, run, logger: silentLogger });
    expect(result).toMatchObject({ registered: false, reason: expect.stringContaining('could not be written') });
    expect(runs).toEqual([]);
  });
});

describe('registering through Electron', () => {
  it('passes the Windows sentinel arguments to setAsDefaultProtocolClient', async () => {
    const calls: unknown[][] = [];
    const plan = protocolPlan({
      platform: 'win32',
      isPackaged: true,
      execPath: 'C:\\Latchkey\\Latchkey.exe',
      appPath: '',
      appImage: undefined,
      scheme: 'dev.latchkey.app',
      productName: 'Latchkey',
    });
    const app = { setAsDefaultProtocolClient: (...args: unknown[]) => (calls.push(args), true) };
    expect(await registerProtocol(app as never, plan, { xdgDataHome: dataHome, run, logger: silentLogger })).toEqual({ registered: true, entryPath: null });
    expect(calls).toEqual([['dev.latchkey.app', 'C:\\Latchkey\\Latchkey.exe', ['--deep-link', '--']]]);
  });
});
