import { LoginItemsError } from './errors';
import { hiddenStartFlag } from './launch-mode';

/** Facts about the running app that decide what the OS should start at login. */
export interface LaunchTarget {
  platform: NodeJS.Platform;
  /** `process.execPath`. */
  execPath: string;
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `app.getAppPath()`: in development Electron itself is the executable and needs the app's folder. */
  appPath: string;
  /** `process.env.APPIMAGE` and `process.env.APPDIR`, set by the AppImage runtime. */
  appImage?: string | undefined;
  appDir?: string | undefined;
}

export interface LaunchCommand {
  program: string;
  args: string[];
}

/**
 * The command a login item runs: our program and the hidden-start flag.
 *
 * An AppImage is mounted at a new path on every run, so the login item must start the
 * .AppImage file ($APPIMAGE), not the executable inside the mount. $APPIMAGE is inherited by
 * every child of any AppImage (a terminal in an AppImage editor, say), so it counts only when
 * our own executable lives inside the mount the runtime announced in $APPDIR.
 */
export function loginLaunchCommand(target: LaunchTarget): LaunchCommand {
  const args = target.isPackaged ? [hiddenStartFlag] : [target.appPath, hiddenStartFlag];
  return { program: isOurAppImage(target) ? target.appImage! : target.execPath, args };
}

function isOurAppImage(target: LaunchTarget): boolean {
  if (target.platform !== 'linux' || !target.isPackaged || !target.appImage || !target.appDir) return false;
  const mount = target.appDir.endsWith('/') ? target.appDir : `${target.appDir}/`;
  return target.execPath.startsWith(mount);
}

/**
 * The `path` and `args` for Electron's login-item calls on Windows; get and set must receive the
 * same ones, or `openAtLogin` reads false. Electron stores `path + ' ' + args.join(' ')` in the
 * Run key and parses it back with CommandLine::FromString, so an unquoted "C:\Program Files\…"
 * is cut at its first space and matches unrelated entries
 * (https://github.com/OpenWhispr/openwhispr/pull/2058, Electron's browser_win.cc).
 */
export function windowsLoginItemOptions(command: LaunchCommand): { path: string; args: string[] } {
  return { path: quoteWindowsArgument(command.program, true), args: command.args.map((arg) => quoteWindowsArgument(arg, false)) };
}

function quoteWindowsArgument(value: string, always: boolean): string {
  if (value === '' || value.includes('"') || /[\u0000-\u001f]/u.test(value)) {
    throw new LoginItemsError('invalid_command', `The login item cannot start "${value}": the path is empty or has a quote or control character.`);
  }
  return always || /\s/u.test(value) ? `"${value}"` : value;
}
