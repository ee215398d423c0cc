import { describe, expect, it } from 'vitest';
import { LoginItemsError } from '../../../src/core/login-items/errors';
import { loginLaunchCommand, windowsLoginItemOptions, type LaunchTarget } from '../../../src/core/login-items/launch-command';

const linux: LaunchTarget = { platform: 'linux', execPath: '/opt/Latchkey/latchkey', isPackaged: true, appPath: '/opt/Latchkey/resources/app.asar' };
const mount = { appImage: '/home/ada/Apps/Latchkey.AppImage', appDir: '/tmp/.mount_LatchkXyZ' };

describe('what the login item starts', () => {
  it.each<[string, LaunchTarget, { program: string; args: string[] }]>([
    ['an installed build: its executable', linux, { program: '/opt/Latchkey/latchkey', args: ['--hidden'] }],
    [
      'an AppImage: the .AppImage file, since the mount moves each run',
      { ...linux, execPath: '/tmp/.mount_LatchkXyZ/latchkey', ...mount },
      { program: '/home/ada/Apps/Latchkey.AppImage', args: ['--hidden'] },
    ],
    [
      'a build started from inside another AppImage: its own executable',
      { ...linux, ...mount },
      { program: '/opt/Latchkey/latchkey', args: ['--hidden'] },
    ],
    [
      'a development run: Electron with the app folder',
      { ...linux, isPackaged: false, execPath: '/repo/node_modules/electron/dist/electron', appPath: '/repo', ...mount },
      { program: '/repo/node_modules/electron/dist/electron', args: ['/repo', '--hidden'] },
    ],
    [
      'Windows ignores $APPIMAGE',
      { platform: 'win32', execPath: 'C:\\Program Files\\Latchkey\\Latchkey.exe', isPackaged: true, appPath: '', ...mount, appDir: 'C:\\' },
      { program: 'C:\\Program Files\\Latchkey\\Latchkey.exe', args: ['--hidden'] },
    ],
  ])('%s', (_case, target, command) => {
    expect(loginLaunchCommand(target)).toEqual(command);
  });
});

describe('the Windows path and args', () => {
  it('quotes the executable, and arguments only when they have spaces', () => {
    expect(windowsLoginItemOptions({ program: 'C:\\Program Files\\Latchkey\\Latchkey.exe', args: ['--hidden'] })).toEqual({
      path: '"C:\\Program Files\\Latchkey\\Latchkey.exe"',
      args: ['--hidden'],
    });
    expect(windowsLoginItemOptions({ program: 'C:\\e\\electron.exe', args: ['C:\\My Repo', '--hidden'] })).toEqual({
      path: '"C:\\e\\electron.exe"',
      args: ['"C:\\My Repo"', '--hidden'],
    });
  });

  it('refuses what cannot be quoted on a Windows command line', () => {
    expect(() => windowsLoginItemOptions({ program: 'C:\\a"b.exe', args: [] })).toThrow(LoginItemsError);
    expect(() => windowsLoginItemOptions({ program: '', args: [] })).toThrow(/empty/u);
  });
});
