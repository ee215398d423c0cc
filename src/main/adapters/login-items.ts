import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { autostartChange, autostartStatus } from '../../core/login-items/autostart-entry';
import { LoginItemsError } from '../../core/login-items/errors';
import { windowsLoginItemOptions, type LaunchCommand } from '../../core/login-items/launch-command';
import { startedAtLogin } from '../../core/login-items/launch-mode';
import { autostartDirectories, autostartFileName, linuxAutostartSupported } from '../../core/login-items/linux-support';
import { loginItemSettingsUrl, osLoginItemStatus } from '../../core/login-items/os-status';
import type { LoginItems, LoginItemStatus } from '../../core/ports';
import type { ElectronApi } from '../electron-api';

export interface LoginItemsDeps {
  app: Pick<ElectronApi['app'], 'getLoginItemSettings' | 'setLoginItemSettings'>;
  shell: Pick<ElectronApi['shell'], 'openExternal'>;
  platform: NodeJS.Platform;
  /** What the login item runs (see `loginLaunchCommand`). */
  command: LaunchCommand;
  /** `process.argv`, to tell a start at login on Windows and Linux. */
  argv: readonly string[];
  productName: string;
  /** Names the Linux autostart entry. */
  appId: string;
  /** `process.env`: XDG directories, Flatpak and Snap markers. */
  env: Record<string, string | undefined>;
  /** `process.windowsStore`: an AppX package cannot use the Run key. */
  windowsStore?: boolean | undefined;
  /** Defaults to the user's home directory. */
  home?: string;
}

const unsupported: LoginItemStatus = { supported: false, enabled: false, requiresApproval: false };

/**
 * Open at login through the OS: SMAppService on macOS and the Run key on Windows (both through
 * Electron), an XDG autostart entry on Linux. Every answer is read back from the OS or the file.
 */
export function createLoginItems(deps: LoginItemsDeps): LoginItems {
  const { platform } = deps;
  let openedAtLogin: boolean | undefined;
  const wasOpenedAtLogin = () =>
    (openedAtLogin ??= startedAtLogin({
      argv: deps.argv,
      // Read once: it describes how this process started and does not change.
      openedAtLoginByOs: platform === 'darwin' && deps.app.getLoginItemSettings().wasOpenedAtLogin,
    }));

  const openSystemSettings = async () => {
    const url = loginItemSettingsUrl(platform);
    if (!url) throw new LoginItemsError('no_settings_pane', 'This desktop has no settings page for apps that open at login.');
    await deps.shell.openExternal(url);
  };

  if (platform === 'darwin' || platform === 'win32') {
    if (platform === 'win32' && deps.windowsStore) return fixed(unsupported, wasOpenedAtLogin, openSystemSettings);
    const options = platform === 'win32' ? windowsLoginItemOptions(deps.command) : {};
    const read = async () => osLoginItemStatus(platform, deps.app.getLoginItemSettings(options));
    return {
      read,
      async write(enabled) {
        deps.app.setLoginItemSettings({ ...options, openAtLogin: enabled });
        return read();
      },
      openSystemSettings,
      wasOpenedAtLogin,
    };
  }

  if (!linuxAutostartSupported(deps.env)) return fixed(unsupported, wasOpenedAtLogin, openSystemSettings);
  const directories = autostartDirectories(deps.env, deps.home ?? homedir());
  const fileName = autostartFileName(deps.appId);
  const userFile = join(directories.user, fileName);
  const systemEntries = () => Promise.all(directories.system.map((dir) => readIfPresent(join(dir, fileName))));
  const read = async () => autostartStatus([await readIfPresent(userFile), ...(await systemEntries())], deps.command);
  return {
    read,
    async write(enabled) {
      const change = autostartChange(enabled, await systemEntries(), { productName: deps.productName, command: deps.command });
      if ('write' in change) await writeAtomically(directories.user, fileName, change.write);
      else await attempt('remove', userFile, () => rm(userFile, { force: true }));
      return read();
    },
    openSystemSettings,
    wasOpenedAtLogin,
  };
}

function fixed(status: LoginItemStatus, wasOpenedAtLogin: () => boolean, openSystemSettings: () => Promise<void>): LoginItems {
  return {
    read: async () => status,
    async write() {
      throw new LoginItemsError('unsupported', 'This installation cannot open at login; the system manages its start-up.');
    },
    openSystemSettings,
    wasOpenedAtLogin,
  };
}

async function readIfPresent(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw ioError('read', path, error);
  }
}

/** Write, flush and rename, so a crash leaves the old entry or the new one, never half of one. */
async function writeAtomically(directory: string, fileName: string, content: string): Promise<void> {
  const target = join(directory, fileName);
  const temporary = join(directory, `.${fileName}.${randomBytes(6).toString('hex')}.tmp`);
  await attempt('write', target, async () => {
    await mkdir(directory, { recursive: true });
    try {
      const handle = await open(temporary, 'wx', 0o644);
      try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  });
}

async function attempt(verb: string, path: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw ioError(verb, path, error);
  }
}

function ioError(verb: string, path: string, error: unknown): LoginItemsError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  return new LoginItemsError('io', `Could not ${verb} the autostart entry ${path} (${code}).`);
}
