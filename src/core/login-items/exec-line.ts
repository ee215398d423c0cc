import { LoginItemsError } from './errors';
import type { LaunchCommand } from './launch-command';

/*
 * The Exec key of a desktop entry, both ways, per the Desktop Entry Specification §7
 * (https://specifications.freedesktop.org/desktop-entry/latest/exec-variables.html):
 * an argument with a reserved character is put in double quotes, inside which ", `, $ and \ take
 * a backslash; a literal % is written %%; and then the whole value gets the general string
 * escapes (§4), so a backslash inside quotes ends up as four.
 */

const reserved = /[ \t\n"'\\><~|&;$*?#()`]/u;
const controlCharacter = /[\u0000-\u001f\u007f]/u;

/** A string value as written in a desktop entry (§4 escapes). */
export function escapeStringValue(value: string): string {
  return value.replace(/[\\\n\t\r]/gu, (c) => ({ '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r' })[c]!);
}

/** The inverse of `escapeStringValue`, plus `\s` for a space; unknown escapes stay as written. */
export function unescapeStringValue(value: string): string {
  return value.replace(/\\([\\sntr])/gu, (_match, c: string) => ({ '\\': '\\', s: ' ', n: '\n', t: '\t', r: '\r' })[c]!);
}

function quoteArgument(arg: string): string {
  const quoted = arg === '' || reserved.test(arg) ? `"${arg.replace(/["`$\\]/gu, '\\$&')}"` : arg;
  return quoted.replace(/%/gu, '%%');
}

/** The value of `Exec=` that runs `command`, ready to be written after the `=`. */
export function execLine(command: LaunchCommand): string {
  const all = [command.program, ...command.args];
  const bad = all.find((arg) => controlCharacter.test(arg));
  if (bad !== undefined) {
    throw new LoginItemsError('invalid_command', 'The login item cannot start a program whose path or arguments hold a control character.');
  }
  if (command.program === '' || command.program.includes('=')) {
    throw new LoginItemsError('invalid_command', `The login item cannot start "${command.program}": a desktop entry's program may not be empty or contain "=".`);
  }
  return escapeStringValue(all.map(quoteArgument).join(' '));
}

/** Field codes that stand alone as an argument and expand to nothing we compare (§7.1). */
const fieldCode = /^%[fFuUdDnNickvm]$/u;

/**
 * The program and arguments an `Exec=` value runs, after string unescaping; null when the quoting
 * is broken (an unterminated quote, a stray escape), which the spec says to reject.
 */
export function splitExecLine(escaped: string): string[] | null {
  const value = unescapeStringValue(escaped);
  const args: string[] = [];
  let current: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === ' ') {
      if (current !== null) args.push(current);
      current = null;
    } else if (c === '"') {
      let text = '';
      for (i++; i < value.length && value[i] !== '"'; i++) {
        if (value[i] === '\\') {
          const next = value[++i];
          if (next === undefined || !'"`$\\'.includes(next)) return null;
          text += next;
        } else text += value[i];
      }
      if (i >= value.length) return null;
      current = (current ?? '') + text;
    } else {
      current = (current ?? '') + c;
    }
  }
  if (current !== null) args.push(current);
  return args.filter((arg) => !fieldCode.test(arg)).map((arg) => arg.replace(/%%/gu, '%'));
}
