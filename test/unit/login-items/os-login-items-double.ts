import type * as Electron from 'electron';
import type { AppApi } from '../../../src/main/electron-api';

type LoginItemApp = Pick<AppApi, 'getLoginItemSettings' | 'setLoginItemSettings'>;

const blank: Electron.LoginItemSettings = {
  openAtLogin: false,
  wasOpenedAtLogin: false,
  status: 'not-found',
  executableWillLaunchAtLogin: false,
  launchItems: [],
};

/**
 * Electron's Windows login items as browser_win.cc implements them: one Run value named after
 * the AppUserModelId holding `path + ' ' + args`, `openAtLogin` true only for the exact same
 * string, and Task Manager's StartupApproved switch seen only by `executableWillLaunchAtLogin`.
 */
export class WindowsLoginItemsDouble implements LoginItemApp {
  readonly run = new Map<string, string>();
  /** StartupApproved\Run: false once the user disables the entry in Task Manager. */
  readonly approved = new Map<string, boolean>();
  readonly calls: { method: 'get' | 'set'; path: string | undefined; args: string[] | undefined }[] = [];

  constructor(
    private readonly execPath: string,
    private readonly appUserModelId = 'dev.latchkey.app',
  ) {}

  setLoginItemSettings(settings: Electron.Settings): void {
    this.calls.push({ method: 'set', path: settings.path, args: settings.args });
    if (settings.openAtLogin) {
      this.run.set(this.appUserModelId, this.commandLine(settings.path, settings.args));
      if (settings.enabled === false) this.approved.set(this.appUserModelId, false);
      else this.approved.delete(this.appUserModelId);
    } else {
      this.run.delete(this.appUserModelId);
      this.approved.delete(this.appUserModelId);
    }
  }

  getLoginItemSettings(options?: Electron.LoginItemSettingsOptions): Electron.LoginItemSettings {
    this.calls.push({ method: 'get', path: options?.path, args: options?.args });
    const program = programOf(options?.path ?? this.execPath);
    const launchItems = [...this.run]
      .filter(([, value]) => programOf(value).toLowerCase() === program.toLowerCase())
      .map(([name, value]) => ({ name, path: programOf(value), args: [], scope: 'user' as const, enabled: this.approved.get(name) !== false }));
    return {
      ...blank,
      status: 'not-registered',
      openAtLogin: this.run.get(this.appUserModelId) === this.commandLine(options?.path, options?.args),
      executableWillLaunchAtLogin: launchItems.some((item) => item.enabled),
      launchItems,
    };
  }

  private commandLine(path: string | undefined, args: string[] | undefined): string {
    const exe = path ?? this.execPath;
    return args?.length ? `${exe} ${args.join(' ')}` : exe;
  }
}

/** CommandLine::FromString's program: a quoted first token, or everything up to the first space. */
function programOf(commandLine: string): string {
  if (commandLine.startsWith('"')) return commandLine.slice(1, commandLine.indexOf('"', 1));
  return commandLine.split(' ')[0]!;
}

/** macOS 13+ through SMAppService.mainApp: a status, and no arguments at all. */
export class MacLoginItemsDouble implements LoginItemApp {
  status: Electron.LoginItemSettings['status'] = 'not-found';
  wasOpenedAtLogin = false;
  /** What System Settings does with a new registration: allow it, or wait for the user. */
  approval: 'automatic' | 'required' = 'automatic';
  readonly writes: Electron.Settings[] = [];

  setLoginItemSettings(settings: Electron.Settings): void {
    this.writes.push(settings);
    if (!settings.openAtLogin) this.status = 'not-registered';
    else if (this.status !== 'enabled') this.status = this.approval === 'automatic' ? 'enabled' : 'requires-approval';
  }

  getLoginItemSettings(): Electron.LoginItemSettings {
    return { ...blank, status: this.status, openAtLogin: this.status === 'enabled', wasOpenedAtLogin: this.wasOpenedAtLogin };
  }

  /** The user switches us off under System Settings › General › Login Items. */
  switchOffInSystemSettings(): void {
    this.status = 'requires-approval';
  }
}
