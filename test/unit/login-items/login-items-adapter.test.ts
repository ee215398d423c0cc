import { describe, expect, it } from 'vitest';
import { LoginItemsError } from '../../../src/core/login-items/errors';
import { loginLaunchCommand } from '../../../src/core/login-items/launch-command';
import { createLoginItems, type LoginItemsDeps } from '../../../src/main/adapters/login-items';
import { MacLoginItemsDouble, WindowsLoginItemsDouble } from './os-login-items-double';

const on = { supported: true, enabled: true, requiresApproval: false };
const off = { supported: true, enabled: false, requiresApproval: false };

function shellDouble() {
  const opened: string[] = [];
  return { opened, shell: { openExternal: async (url: string) => void opened.push(url) } };
}

function deps(app: LoginItemsDeps['app'], platform: NodeJS.Platform, overrides: Partial<LoginItemsDeps> = {}): LoginItemsDeps {
  const execPath = platform === 'win32' ? 'C:\\Program Files\\Latchkey\\Latchkey.exe' : '/Applications/Latchkey.app/Contents/MacOS/Latchkey';
  return {
    app,
    shell: shellDouble().shell,
    platform,
    command: loginLaunchCommand({ platform, execPath, isPackaged: true, appPath: '' }),
    argv: [execPath],
    productName: 'Latchkey',
    appId: 'dev.latchkey.app',
    env: {},
    ...overrides,
  };
}

describe('open at login on macOS (SMAppService)', () => {
  it('turns on and off, as the OS reports it', async () => {
    const app = new MacLoginItemsDouble();
    const items = createLoginItems(deps(app, 'darwin'));
    expect(await items.read()).toEqual(off);
    expect(await items.write(true)).toEqual(on);
    expect(await items.write(false)).toEqual(off);
    // SMAppService takes no path or arguments; a hidden start is told by wasOpenedAtLogin.
    expect(app.writes).toEqual([{ openAtLogin: true }, { openAtLogin: false }]);
  });

  it('surfaces a registration waiting for approval, and opens the Login Items pane', async () => {
    const app = new MacLoginItemsDouble();
    app.approval = 'required';
    const { opened, shell } = shellDouble();
    const items = createLoginItems(deps(app, 'darwin', { shell }));
    expect(await items.write(true)).toEqual({ supported: true, enabled: false, requiresApproval: true });
    await items.openSystemSettings();
    expect(opened).toEqual(['x-apple.systempreferences:com.apple.LoginItems-Settings.extension']);
  });

  it('shows the switch off when the user turned us off in System Settings', async () => {
    const app = new MacLoginItemsDouble();
    const items = createLoginItems(deps(app, 'darwin'));
    await items.write(true);
    app.switchOffInSystemSettings();
    expect(await items.read()).toEqual({ supported: true, enabled: false, requiresApproval: true });
  });

  it('knows a start at login from the OS, not from arguments', () => {
    const app = new MacLoginItemsDouble();
    app.wasOpenedAtLogin = true;
    expect(createLoginItems(deps(app, 'darwin')).wasOpenedAtLogin()).toBe(true);
    expect(createLoginItems(deps(new MacLoginItemsDouble(), 'darwin')).wasOpenedAtLogin()).toBe(false);
  });
});

describe('open at login on Windows (the Run key)', () => {
  const execPath = 'C:\\Program Files\\Latchkey\\Latchkey.exe';

  it('writes a quoted path with the hidden flag, and reads it back with the same path and args', async () => {
    const app = new WindowsLoginItemsDouble(execPath);
    const items = createLoginItems(deps(app, 'win32'));
    expect(await items.read()).toEqual(off);
    expect(await items.write(true)).toEqual(on);
    expect(app.run.get('dev.latchkey.app')).toBe('"C:\\Program Files\\Latchkey\\Latchkey.exe" --hidden');
    const paths = new Set(app.calls.map((call) => JSON.stringify([call.path, call.args])));
    expect([...paths]).toEqual([JSON.stringify(['"C:\\Program Files\\Latchkey\\Latchkey.exe"', ['--hidden']])]);
    expect(await items.write(false)).toEqual(off);
    expect(app.run.size).toBe(0);
  });

  it('shows the switch off once the user disables us in Task Manager, and turning it on re-approves', async () => {
    const app = new WindowsLoginItemsDouble(execPath);
    const items = createLoginItems(deps(app, 'win32'));
    await items.write(true);
    app.approved.set('dev.latchkey.app', false);
    expect(await items.read()).toEqual(off);
    expect(await items.write(true)).toEqual(on);
  });

  it('does not count an unrelated entry under C:\\Program Files as ours', async () => {
    const app = new WindowsLoginItemsDouble(execPath);
    app.run.set('Other', 'C:\\Program Files\\Other\\other.exe');
    expect(await createLoginItems(deps(app, 'win32')).read()).toEqual(off);
  });

  it('opens the Startup apps settings, and tells a start at login by the flag', async () => {
    const { opened, shell } = shellDouble();
    const app = new WindowsLoginItemsDouble(execPath);
    await createLoginItems(deps(app, 'win32', { shell })).openSystemSettings();
    expect(opened).toEqual(['ms-settings:startupapps']);
    expect(createLoginItems(deps(app, 'win32', { argv: [execPath, '--hidden'] })).wasOpenedAtLogin()).toBe(true);
    expect(createLoginItems(deps(app, 'win32')).wasOpenedAtLogin()).toBe(false);
  });

  it('is unavailable in a Windows Store package, and says so when asked to change', async () => {
    const app = new WindowsLoginItemsDouble(execPath);
    const items = createLoginItems(deps(app, 'win32', { windowsStore: true }));
    expect(await items.read()).toEqual({ supported: false, enabled: false, requiresApproval: false });
    await expect(items.write(true)).rejects.toThrow(LoginItemsError);
    expect(app.run.size).toBe(0);
  });
});
