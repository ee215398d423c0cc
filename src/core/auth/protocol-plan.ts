import { deepLinkSwitch, switchTerminator } from './deep-link-argv';
import { linuxUrlHandlerEntry, type DesktopEntry } from './desktop-entry';

export interface ProtocolContext {
  platform: string;
  /** app.isPackaged */
  isPackaged: boolean;
  /** process.execPath: the app, or Electron itself in development. */
  execPath: string;
  /** The app's folder, passed to Electron in development (app.getAppPath()). */
  appPath: string;
  /** $APPIMAGE when running as an AppImage. */
  appImage: string | undefined;
  scheme: string;
  productName: string;
}

/** What to hand `app.setAsDefaultProtocolClient`, and on Linux the URL-handler entry to write. */
export interface ProtocolPlan {
  scheme: string;
  /**
   * Windows only: the executable and the arguments put before `"%1"`, for both
   * `setAsDefaultProtocolClient` and `isDefaultProtocolClient` (which compares the command they make).
   */
  windows: { path: string; args: string[] } | null;
  /** Linux outside an installed package: the `.desktop` entry to write and make the default. */
  linuxEntry: DesktopEntry | null;
}

/**
 * Where the OS should send our links. Windows: `"<exe>" --deep-link -- "%1"`, with the app's path
 * first in development, where the executable is Electron itself (Electron's deep-link tutorial).
 * The path and arguments go to Electron as they are: it quotes each one the way CommandLineToArgvW
 * reads it back (GetProtocolLaunchPath in shell/browser/browser_win.cc, electron/electron#50016),
 * so quoting here too would hand the app a path with quote marks in it.
 * Linux: `setAsDefaultProtocolClient` only works when an installed `.desktop` file matches
 * CHROME_DESKTOP (electron-userland/electron-builder#4035, bitwarden/desktop#554), so an AppImage
 * or a source checkout writes its own.
 */
export function protocolPlan(context: ProtocolContext): ProtocolPlan {
  const { platform, isPackaged, execPath, appPath, appImage, scheme } = context;
  const sentinel = [deepLinkSwitch, switchTerminator];
  if (platform === 'win32') {
    return { scheme, windows: { path: execPath, args: isPackaged ? sentinel : [appPath, ...sentinel] }, linuxEntry: null };
  }
  if (platform === 'linux' && (appImage || !isPackaged)) {
    const command = appImage ? [appImage] : [execPath, appPath];
    return { scheme, windows: null, linuxEntry: linuxUrlHandlerEntry({ scheme, productName: context.productName, command }) };
  }
  return { scheme, windows: null, linuxEntry: null };
}

/**
 * The scheme this copy of the app answers to. A development build has a scheme of its own, so a
 * checkout never steals the installed app's links (and the reverse).
 */
export function activeScheme(config: { scheme: string; developmentScheme: string }, isPackaged: boolean): string {
  return isPackaged ? config.scheme : config.developmentScheme;
}
