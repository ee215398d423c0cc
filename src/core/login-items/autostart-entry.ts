import type { LoginItemStatus } from '../ports';
import { escapeStringValue, execLine, splitExecLine } from './exec-line';
import type { LaunchCommand } from './launch-command';

/*
 * Linux login items: an XDG autostart entry, a desktop entry in $XDG_CONFIG_HOME/autostart that
 * the session starts at login (https://specifications.freedesktop.org/autostart-spec/latest/).
 * Everything here is text in, text out; the adapter does the file I/O.
 */

export interface AutostartEntryInput {
  productName: string;
  command: LaunchCommand;
}

/** The entry that starts us quietly at login. */
export function autostartEntry(input: AutostartEntryInput): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    `Name=${escapeStringValue(input.productName)}`,
    `Comment=${escapeStringValue(`Starts ${input.productName} in the tray when you log in`)}`,
    `Exec=${execLine(input.command)}`,
    'Terminal=false',
    // GNOME and Cinnamon honour this key; writing it true undoes an earlier "off" from their tools.
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * A user entry that switches off a system-wide one of the same name (autostart spec: an entry
 * with Hidden=true is as if it did not exist, and the user's directory takes precedence).
 */
export function autostartOverride(productName: string): string {
  return ['[Desktop Entry]', 'Type=Application', `Name=${escapeStringValue(productName)}`, 'Hidden=true', ''].join('\n');
}

/** The keys of the [Desktop Entry] group, still escaped; null when the file has no such group. */
export function desktopEntryKeys(text: string): Map<string, string> | null {
  let group: string | null = null;
  let keys: Map<string, string> | null = null;
  for (const raw of text.split('\n')) {
    // CRLF files and trailing blanks are common in hand-edited entries.
    const line = raw.replace(/[ \t\r]+$/u, '');
    if (line.trimStart() === '' || line.startsWith('#')) continue;
    const header = /^\[([^\[\]]+)\]\s*$/u.exec(line);
    if (header) {
      group = header[1]!;
      if (group === 'Desktop Entry' && !keys) keys = new Map();
      continue;
    }
    const equals = line.indexOf('=');
    if (group !== 'Desktop Entry' || equals < 0 || !keys) continue;
    const key = line.slice(0, equals).trim();
    // The first occurrence wins; a later duplicate is a broken file, not an override.
    if (!keys.has(key)) keys.set(key, line.slice(equals + 1).trimStart());
  }
  return keys;
}

export type AutostartState =
  | { on: true; argv: string[] }
  | { on: false; reason: 'hidden' | 'disabled' | 'not-an-application' | 'unreadable' };

/** Whether an autostart entry would start something at login, and what. */
export function autostartState(text: string): AutostartState {
  const keys = desktopEntryKeys(text);
  if (!keys) return { on: false, reason: 'unreadable' };
  if (keys.get('Hidden') === 'true') return { on: false, reason: 'hidden' };
  if (keys.get('X-GNOME-Autostart-enabled') === 'false') return { on: false, reason: 'disabled' };
  if (keys.get('Type') !== 'Application') return { on: false, reason: 'not-an-application' };
  const argv = splitExecLine(keys.get('Exec') ?? '');
  if (!argv || argv.length === 0) return { on: false, reason: 'unreadable' };
  return { on: true, argv };
}

function startsOurProgram(argv: readonly string[], command: LaunchCommand): boolean {
  const program = argv[0]!;
  if (program === command.program) return true;
  // A bare name is looked up in $PATH; a system-wide entry from a package often says just that.
  return !program.includes('/') && command.program.split('/').pop() === program;
}

/**
 * What the user's entry and then the system-wide ones (in $XDG_CONFIG_DIRS order) say, each
 * as the file's text or null when absent. The first present file decides, as in the autostart
 * spec. An entry that starts another program (an AppImage since moved, say) does not count as on:
 * it would not start us, and turning the switch on rewrites it.
 */
export function autostartStatus(entries: readonly (string | null)[], command: LaunchCommand): LoginItemStatus {
  const first = entries.find((text) => text !== null);
  if (first === undefined || first === null) return { supported: true, enabled: false, requiresApproval: false };
  const state = autostartState(first);
  return { supported: true, enabled: state.on && startsOurProgram(state.argv, command), requiresApproval: false };
}

export type AutostartChange = { write: string } | { remove: true };

/**
 * The change to the user's autostart directory that makes the state `enabled`. Disabling removes
 * our entry, unless a system-wide entry would then start us, in which case a Hidden=true entry
 * masks it.
 */
export function autostartChange(
  enabled: boolean,
  systemEntries: readonly (string | null)[],
  input: AutostartEntryInput,
): AutostartChange {
  if (enabled) return { write: autostartEntry(input) };
  const system = systemEntries.find((text) => text !== null);
  if (system != null && autostartState(system).on) return { write: autostartOverride(input.productName) };
  return { remove: true };
}
