import { describe, expect, it } from 'vitest';
import { findDeepLink } from '../../../src/core/auth/deep-link-argv';

const scheme = 'dev.latchkey.app';
const link = `${scheme}:/auth/callback?code=abc&state=xyz`;
const exe = 'C:\\Program Files\\Latchkey\\Latchkey.exe';
const electronExe = 'C:\\src\\latchkey\\node_modules\\electron\\dist\\electron.exe';
const padding = ['--allow-file-access-from-files', '--original-process-start-time=13386012345678901'];

/**
 * The shapes each platform really produces. Chromium adds switches to a second instance's argv and
 * moves every switch before the positional arguments (electron/electron#20322, #32933;
 * desktop/desktop#8166 shows `[exe, "--protocol-launcher", "--allow-file-access-from-files",
 * "--original-process-start-time=…", url]`).
 */
describe('finding the link in argv', () => {
  it.each([
    ['Windows, cold start of the installed app', 'win32', [exe, '--deep-link', '--', link]],
    ['Windows, second instance, padded and reordered by Chromium', 'win32', [exe, '--deep-link', ...padding, '--', link]],
    ['Windows, padding before our switch', 'win32', [exe, ...padding, '--deep-link', '--', link]],
    ['Windows, development: Electron, the app path, the sentinel', 'win32', [electronExe, 'C:\\src\\latchkey', '--deep-link', '--', link]],
    ['Windows, development second instance: switches moved before the app path', 'win32', [electronExe, '--deep-link', ...padding, 'C:\\src\\latchkey', '--', link]],
    ['Linux, deb/rpm entry (Exec=… %U)', 'linux', ['/opt/Latchkey/latchkey', link]],
    ['Linux, AppImage with --no-sandbox from its entry', 'linux', ['/tmp/.mount_LatchkAbC123/latchkey', '--no-sandbox', link]],
    ['Linux, our URL-handler entry (sentinel)', 'linux', ['/home/ada/Apps/Latchkey.AppImage', '--deep-link', '--', link]],
    ['Linux, development from source', 'linux', ['/home/ada/latchkey/node_modules/electron/dist/electron', '/home/ada/latchkey', '--deep-link', '--', link]],
    ['Linux, second instance with Chromium switches', 'linux', ['/opt/Latchkey/latchkey', ...padding, link]],
    ['macOS, a link on the command line (open --args)', 'darwin', ['/Applications/Latchkey.app/Contents/MacOS/Latchkey', '-psn_0_12345', link]],
    ['an upper-case scheme', 'linux', ['/opt/Latchkey/latchkey', link.replace(scheme, scheme.toUpperCase())]],
  ])('%s', (_label, platform, argv) => {
    const scan = findDeepLink(argv, { scheme, platform });
    expect(scan.kind).toBe('url');
    if (scan.kind === 'url') expect(scan.url.toLowerCase()).toBe(link.toLowerCase());
  });

  it.each([
    ['a plain launch', 'win32', [exe]],
    ['a launch from the Start menu with Chromium padding', 'win32', [exe, ...padding]],
    ['a second instance started by another user (argv is empty)', 'win32', []],
    ['the sentinel with nothing after it', 'win32', [exe, '--deep-link', '--']],
    ['Linux development launch', 'linux', ['/usr/lib/electron/electron', '/home/ada/latchkey']],
    ['macOS launch, where links come through open-url', 'darwin', ['/Applications/Latchkey.app/Contents/MacOS/Latchkey']],
    ['the development scheme when the production one is ours', 'linux', ['/opt/Latchkey/latchkey', `${scheme}.dev:/auth/callback?code=a&state=b`]],
    ['our scheme inside a switch', 'linux', ['/opt/Latchkey/latchkey', `--inspect=${link}`]],
    ['a path that contains the scheme', 'linux', ['/opt/Latchkey/latchkey', `/tmp/${link}`]],
  ])('finds nothing in %s', (_label, platform, argv) => {
    expect(findDeepLink(argv, { scheme, platform })).toEqual({ kind: 'none' });
  });

  it.each([
    // CVE-2018-1000006: a link whose quotes split it into extra arguments, one of them a switch.
    ['Windows, a link split into a Chromium switch', 'win32', [exe, '--deep-link', '--', `${scheme}:/x`, '--gpu-launcher=cmd.exe /c calc'], 'more than one argument after the -- sentinel'],
    ['Windows, a link without the sentinel', 'win32', [exe, ...padding, link], 'a link without the -- sentinel'],
    ['Windows, only a switch after the sentinel', 'win32', [exe, '--deep-link', '--', '--inspect=9229'], 'the argument after the -- sentinel is not our link'],
    ['Windows, a link before the sentinel', 'win32', [exe, link, '--deep-link', '--', link], 'a link before the -- sentinel'],
    ['Linux, two links', 'linux', ['/opt/Latchkey/latchkey', link, `${link}2`], 'more than one link'],
  ])('refuses %s', (_label, platform, argv, reason) => {
    expect(findDeepLink(argv, { scheme, platform })).toEqual({ kind: 'refused', reason });
  });

  it('never reads argv[0], even when it looks like a link', () => {
    expect(findDeepLink([link], { scheme, platform: 'linux' })).toEqual({ kind: 'none' });
  });
});
