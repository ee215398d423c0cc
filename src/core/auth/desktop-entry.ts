import { deepLinkSwitch, switchTerminator } from './deep-link-argv';

/**
 * A hidden `.desktop` entry that makes this copy of the app the handler of our scheme on Linux
 * (Desktop Entry Specification 1.5, "The Exec key"; x-scheme-handler MIME types).
 */
export interface DesktopEntry {
  /** The desktop file id, also the argument to `xdg-mime default`. */
  fileName: string;
  mimeType: string;
  content: string;
}

export interface UrlHandlerOptions {
  scheme: string;
  productName: string;
  /** The program and its leading arguments, e.g. [$APPIMAGE] or [electron, appPath]. */
  command: string[];
}

/**
 * Quotes one Exec argument. Inside quotes, `"`, `` ` ``, `$` and `\` take a backslash; then the
 * whole value is escaped again as a desktop-file string, so a backslash ends up doubled twice.
 * `%` is doubled so no path can smuggle in a field code.
 */
export function quoteExecArgument(arg: string): string {
  if (arg.length === 0 || /[\n\r\t\0]/u.test(arg)) throw new TypeError(`An Exec argument must be a non-empty single line: ${JSON.stringify(arg)}`);
  const quoted = `"${arg.replace(/(["`$\\])/gu, '\\$1')}"`;
  return quoted.replaceAll('\\', '\\\\').replaceAll('%', '%%');
}

function singleLine(value: string): string {
  return value.replace(/[\n\r\t\0]/gu, ' ').replaceAll('\\', '\\\\');
}

export function linuxUrlHandlerEntry({ scheme, productName, command }: UrlHandlerOptions): DesktopEntry {
  if (command.length === 0) throw new TypeError('The URL handler needs a program to run.');
  const exec = [...command.map(quoteExecArgument), deepLinkSwitch, switchTerminator, '%u'].join(' ');
  const mimeType = `x-scheme-handler/${scheme}`;
  const content = [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${singleLine(productName)}`,
    `Comment=${singleLine(`Receives ${productName} sign-in links from the browser`)}`,
    `Exec=${exec}`,
    'Terminal=false',
    'NoDisplay=true',
    `MimeType=${mimeType};`,
    '',
  ].join('\n');
  return { fileName: `${scheme}.url-handler.desktop`, mimeType, content };
}
