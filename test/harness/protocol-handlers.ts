import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execArgv, execLine } from './desktop-exec';
import { commandLineToArgv, protocolCommand, substituteUrl } from './windows-command-line';

/** What the OS does with a link of a custom scheme: start a process, or tell a running app. */
export type Launch = { kind: 'argv'; argv: string[] } | { kind: 'open-url'; url: string } | { kind: 'none'; reason: string };

/** RFC 3986 §3.1, as Electron's IsValidProtocolScheme checks it before touching the OS. */
const validScheme = /^[a-z][a-z0-9+.-]*$/iu;

/**
 * The per-OS store of "who opens this scheme", as each OS keeps it:
 * - Windows: HKCU\Software\Classes\<scheme>\shell\open\command, one command string
 *   (shell/browser/browser_win.cc, SetAsDefaultProtocolClient);
 * - macOS: LaunchServices' default bundle identifier per scheme; `path` and `args` are
 *   "Windows only" (docs/api/app.md, setAsDefaultProtocolClient);
 * - Linux: the default desktop file id per x-scheme-handler/<scheme> MIME type, set by
 *   `xdg-mime default` or by Electron for the entry named in $CHROME_DESKTOP
 *   (shell/browser/browser_linux.cc, SetDefaultWebClient / IsDefaultProtocolClient).
 */
export class ProtocolHandlers {
  readonly registry = new Map<string, string>();
  readonly launchServices = new Map<string, string>();
  readonly mimeDefaults = new Map<string, string>();

  constructor(
    private readonly platform: NodeJS.Platform,
    /** $XDG_DATA_HOME/applications and the like, where desktop file ids are looked up. */
    private readonly applicationDirs: () => string[],
  ) {}

  set(scheme: string, who: { command: string } | { bundle: string } | { desktopId: string }): boolean {
    if (!validScheme.test(scheme)) return false;
    if ('command' in who) this.registry.set(scheme.toLowerCase(), who.command);
    else if ('bundle' in who) this.launchServices.set(scheme.toLowerCase(), who.bundle);
    else {
      // g_desktop_app_info_new returns null for an id with no installed file.
      if (this.desktopFile(who.desktopId) === null) return false;
      this.mimeDefaults.set(`x-scheme-handler/${scheme.toLowerCase()}`, who.desktopId);
    }
    return true;
  }

  /** Windows: the command Electron would write for `path` and `args`, compared as a string. */
  windowsCommand(path: string, args: readonly string[]): string {
    return protocolCommand(path, args);
  }

  /** `xdg-mime default <id> <mime>` and `xdg-mime query default <mime>` (xdg-utils). */
  xdgMime(args: readonly string[]): string {
    if (args[0] === 'default' && args.length === 3) {
      this.mimeDefaults.set(args[2]!, args[1]!);
      return '';
    }
    if (args[0] === 'query' && args[1] === 'default' && args.length === 3) return `${this.mimeDefaults.get(args[2]!) ?? ''}\n`;
    throw new Error(`xdg-mime: unsupported arguments ${args.join(' ')}`);
  }

  /** Where the OS sends `url`: Windows substitutes %1 into the command, Linux expands Exec. */
  resolve(url: string): Launch {
    const scheme = url.slice(0, Math.max(0, url.indexOf(':'))).toLowerCase();
    if (this.platform === 'win32') {
      const command = this.registry.get(scheme);
      return command ? { kind: 'argv', argv: commandLineToArgv(substituteUrl(command, url)) } : { kind: 'none', reason: 'no registry entry' };
    }
    if (this.platform === 'darwin') {
      return this.launchServices.has(scheme) ? { kind: 'open-url', url } : { kind: 'none', reason: 'no LaunchServices handler' };
    }
    const id = this.mimeDefaults.get(`x-scheme-handler/${scheme}`);
    const content = id ? this.desktopFile(id) : null;
    const exec = content ? execLine(content) : null;
    return exec ? { kind: 'argv', argv: execArgv(exec, url) } : { kind: 'none', reason: 'no x-scheme-handler default' };
  }

  private desktopFile(id: string): string | null {
    for (const dir of this.applicationDirs()) {
      try {
        return readFileSync(join(dir, id), 'utf8');
      } catch {
        // not in this directory
      }
    }
    return null;
  }
}
