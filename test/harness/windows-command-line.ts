/**
 * How Windows and Electron turn a protocol registration into a process's argv, for the double.
 * Written from Electron's source (v45, shell/browser/browser_win.cc and
 * shell/common/command_line_util_win.cc, electron/electron#50016) and the documented rules of
 * CommandLineToArgvW (https://learn.microsoft.com/cpp/c-language/parsing-c-command-line-arguments).
 */

/** electron::AddQuoteForArg: quotes only when the argument holds a space, a backslash or a quote. */
export function addQuoteForArg(arg: string): string {
  if (!/[ \\"]/u.test(arg)) return arg;
  let out = '"';
  for (let i = 0; i < arg.length; i += 1) {
    if (arg[i] === '\\') {
      let end = i + 1;
      while (end < arg.length && arg[end] === '\\') end += 1;
      const run = end - i;
      // Backslashes escape only before a quote; the closing quote counts as one.
      out += '\\'.repeat(end === arg.length || arg[end] === '"' ? run * 2 : run);
      i = end - 1;
    } else if (arg[i] === '"') out += '\\"';
    else out += arg[i];
  }
  return `${out}"`;
}

/**
 * GetProtocolLaunchPath: surrounding quotes are stripped from the path, the path and every
 * argument go through AddQuoteForArg, and ` "%1"` ends the command. `isDefaultProtocolClient`
 * builds the same string and compares it with the registry's, character for character.
 */
export function protocolCommand(path: string, args: readonly string[]): string {
  const exe = path.length >= 2 && path.startsWith('"') && path.endsWith('"') ? path.slice(1, -1) : path;
  return [addQuoteForArg(exe), ...args.map(addQuoteForArg), '"%1"'].join(' ');
}

/**
 * CommandLineToArgvW: the program name runs to the next space (or the closing quote) with no
 * escapes; after it, 2n backslashes before a quote give n and toggle quoting, 2n+1 give n and a
 * literal quote, and `""` inside quotes is a literal quote.
 */
export function commandLineToArgv(command: string): string[] {
  const argv: string[] = [];
  let i = 0;
  if (command.startsWith('"')) {
    const close = command.indexOf('"', 1);
    argv.push(command.slice(1, close === -1 ? undefined : close));
    i = close === -1 ? command.length : close + 1;
  } else {
    const space = command.search(/[ \t]/u);
    argv.push(space === -1 ? command : command.slice(0, space));
    i = space === -1 ? command.length : space;
  }
  while (i < command.length) {
    while (command[i] === ' ' || command[i] === '\t') i += 1;
    if (i >= command.length) break;
    let arg = '';
    let quoted = false;
    for (; i < command.length; i += 1) {
      const c = command[i]!;
      if (c === '\\') {
        let end = i;
        while (command[end] === '\\') end += 1;
        const run = end - i;
        if (command[end] === '"') {
          arg += '\\'.repeat(Math.floor(run / 2));
          if (run % 2 === 1) arg += '"';
          else quoted = !quoted;
          i = end;
        } else {
          arg += '\\'.repeat(run);
          i = end - 1;
        }
      } else if (c === '"') {
        if (quoted && command[i + 1] === '"') {
          arg += '"';
          i += 1;
        } else quoted = !quoted;
      } else if (!quoted && (c === ' ' || c === '\t')) break;
      else arg += c;
    }
    argv.push(arg);
  }
  return argv;
}

/** ShellExecute hands the URL to the registered command in place of %1. */
export function substituteUrl(command: string, url: string): string {
  return command.replaceAll('%1', url);
}
