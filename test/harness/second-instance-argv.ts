/**
 * The argv `second-instance` hands the first instance: the second process's command line as
 * Chromium's base::CommandLine holds it. "Switches will precede all other arguments without switch
 * prefixes" and "--" ends switch parsing but stays among the arguments (base/command_line.h); on
 * Windows `/` also starts a switch. The browser process then gains Electron's
 * `--allow-file-access-from-files` (shell/app/electron_main_delegate.cc) and Chromium's
 * `--original-process-start-time` (docs/api/app.md, "second-instance": "Extra command line
 * arguments might be added by Chromium").
 */
export function secondInstanceArgv(argv: readonly string[], platform: NodeJS.Platform, startTime = 13_370_000_000_000_000): string[] {
  const [program = '', ...rest] = argv;
  const switches: string[] = [];
  const args: string[] = [];
  let parseSwitches = true;
  const prefix = platform === 'win32' ? /^(--|-|\/)./u : /^(--|-)./u;
  for (const arg of rest) {
    parseSwitches &&= arg !== '--';
    if (parseSwitches && prefix.test(arg)) switches.push(arg);
    else args.push(arg);
  }
  switches.push('--allow-file-access-from-files', `--original-process-start-time=${startTime}`);
  return [program, ...switches, ...args];
}

/**
 * Electron's default app, run in development, loads the app at the first argument that does not
 * start with `-` (default_app/main.ts); a packaged app ignores its arguments.
 */
export function developmentAppPath(argv: readonly string[]): string | null {
  return argv.slice(1).find((arg) => !arg.startsWith('-')) ?? null;
}
