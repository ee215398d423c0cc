/**
 * Finds the deep link in a command line. Chromium pads argv (`--allow-file-access-from-files`,
 * `--original-process-start-time=…`) and moves switches before positional arguments, so the link
 * is never at a fixed index (electron/electron#20322, desktop/desktop#8166).
 *
 * Windows registers `"<exe>" --deep-link -- "%1"`: after the `--` sentinel Chromium parses no
 * switches, and exactly one argument may follow it. A URL that was split into several arguments is
 * an injection attempt (CVE-2018-1000006) and is refused whole.
 */
export const deepLinkSwitch = '--deep-link';
export const switchTerminator = '--';

export type ArgvScan = { kind: 'url'; url: string } | { kind: 'none' } | { kind: 'refused'; reason: string };

export interface ArgvScanOptions {
  scheme: string;
  platform: string;
}

function hasScheme(arg: string, scheme: string): boolean {
  return arg.length > scheme.length && arg[scheme.length] === ':' && arg.slice(0, scheme.length).toLowerCase() === scheme;
}

export function findDeepLink(argv: readonly string[], { scheme, platform }: ArgvScanOptions): ArgvScan {
  // argv[0] is the executable; nothing else is assumed about positions.
  const args = argv.slice(1);
  const sentinel = args.indexOf(switchTerminator);
  if (sentinel !== -1) {
    const before = args.slice(0, sentinel);
    const after = args.slice(sentinel + 1);
    if (before.some((arg) => hasScheme(arg, scheme))) return { kind: 'refused', reason: 'a link before the -- sentinel' };
    if (after.length === 0) return { kind: 'none' };
    if (after.length > 1) return { kind: 'refused', reason: 'more than one argument after the -- sentinel' };
    const [only] = after as [string];
    return hasScheme(only, scheme) ? { kind: 'url', url: only } : { kind: 'refused', reason: 'the argument after the -- sentinel is not our link' };
  }
  const links = args.filter((arg) => hasScheme(arg, scheme));
  if (links.length === 0) return { kind: 'none' };
  if (platform === 'win32') return { kind: 'refused', reason: 'a link without the -- sentinel' };
  if (links.length > 1) return { kind: 'refused', reason: 'more than one link' };
  return { kind: 'url', url: links[0]! };
}

/**
 * The argv a second instance receives when the OS opens `url`: after the Windows sentinel that
 * the registration adds, or as the one argument on Linux. The self-test delivers links this way.
 */
export function deepLinkArgv(platform: NodeJS.Platform, url: string, executable = process.execPath): string[] {
  return platform === 'win32' ? [executable, deepLinkSwitch, switchTerminator, url] : [executable, url];
}
