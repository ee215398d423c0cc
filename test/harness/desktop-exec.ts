/**
 * How a desktop (through xdg-open and GIO) runs a `.desktop` entry's Exec line for a URL, written
 * from the Desktop Entry Specification 1.5, "The Exec key": the value is first unescaped as a
 * string (`\\` → `\`, `\s` → space), then split on spaces outside double quotes, where `\"`,
 * `` \` ``, `\$` and `\\` are escapes; `%u` becomes the URL as one argument and `%%` a `%`, inside quotes too.
 */
export function execArgv(exec: string, url: string): string[] {
  const value = exec.replace(/\\([\\snrt])/gu, (_m, c: string) => ({ '\\': '\\', s: ' ', n: '\n', r: '\r', t: '\t' })[c]!);
  const argv: string[] = [];
  let arg: string | null = null;
  let quoted = false;
  for (let i = 0; i < value.length; i += 1) {
    const c = value[i]!;
    if (c === '%') {
      // GLib expands field codes over the whole line, quoted or not (gdesktopappinfo.c,
      // expand_application_parameters); the spec leaves codes inside quotes undefined.
      const code = value[++i];
      if (code === '%') arg = `${arg ?? ''}%`;
      else if (code === 'u' || code === 'U') arg = `${arg ?? ''}${url}`;
      // Other field codes expand to nothing for a URL handler.
    } else if (quoted) {
      if (c === '\\' && /["`$\\]/u.test(value[i + 1] ?? '')) arg += value[++i]!;
      else if (c === '"') quoted = false;
      else arg += c;
    } else if (c === '"') {
      quoted = true;
      arg ??= '';
    } else if (c === ' ') {
      if (arg !== null) argv.push(arg);
      arg = null;
    } else arg = `${arg ?? ''}${c}`;
  }
  if (arg !== null) argv.push(arg);
  return argv;
}

/** The Exec value of an entry's [Desktop Entry] group, or null. */
export function execLine(content: string): string | null {
  const line = content.split('\n').find((each) => each.startsWith('Exec='));
  return line ? line.slice('Exec='.length) : null;
}
