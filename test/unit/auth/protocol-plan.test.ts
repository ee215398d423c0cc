import { describe, expect, it } from 'vitest';
import { linuxUrlHandlerEntry, quoteExecArgument } from '../../../src/core/auth/desktop-entry';
import { activeScheme, protocolPlan, type ProtocolContext } from '../../../src/core/auth/protocol-plan';
import { findDeepLink } from '../../../src/core/auth/deep-link-argv';
import { commandLineToArgv, protocolCommand, substituteUrl } from '../../harness/windows-command-line';
import { secondInstanceArgv } from '../../harness/second-instance-argv';
import { execArgv, execLine } from '../../harness/desktop-exec';

const base: ProtocolContext = {
  platform: 'linux',
  isPackaged: true,
  execPath: '/opt/Latchkey/latchkey',
  appPath: '/opt/Latchkey/resources/app.asar',
  appImage: undefined,
  scheme: 'dev.latchkey.app',
  productName: 'Latchkey',
};

describe('where the OS sends our links', () => {
  it.each([
    ['Windows, installed', { platform: 'win32', execPath: 'C:\\Program Files\\Latchkey\\Latchkey.exe' }, { path: 'C:\\Program Files\\Latchkey\\Latchkey.exe', args: ['--deep-link', '--'] }],
    [
      'Windows, development: Electron with the app path, as is (Electron quotes each argument itself)',
      { platform: 'win32', isPackaged: false, execPath: 'C:\\src\\node_modules\\electron\\dist\\electron.exe', appPath: 'C:\\Users\\Ada Lovelace\\latchkey' },
      { path: 'C:\\src\\node_modules\\electron\\dist\\electron.exe', args: ['C:\\Users\\Ada Lovelace\\latchkey', '--deep-link', '--'] },
    ],
  ])('%s', (_label, context, windows) => {
    expect(protocolPlan({ ...base, ...context })).toEqual({ scheme: base.scheme, windows, linuxEntry: null });
  });

  it.each([
    ['macOS (the scheme is in Info.plist)', { platform: 'darwin' }],
    ['Linux, installed from a deb or rpm (its entry declares the scheme)', {}],
  ])('%s: the plain Electron call', (_label, context) => {
    expect(protocolPlan({ ...base, ...context })).toEqual({ scheme: base.scheme, windows: null, linuxEntry: null });
  });

  it('Linux AppImage: an entry that runs $APPIMAGE, not the temporary mount', () => {
    const plan = protocolPlan({ ...base, execPath: '/tmp/.mount_LatchkX/latchkey', appImage: '/home/ada/Apps/Latchkey.AppImage' });
    expect(plan.linuxEntry?.content).toContain('Exec="/home/ada/Apps/Latchkey.AppImage" --deep-link -- %u\n');
  });

  it('Linux from source: an entry that runs Electron with the app path', () => {
    const plan = protocolPlan({ ...base, isPackaged: false, execPath: '/home/ada/latchkey/node_modules/electron/dist/electron', appPath: '/home/ada/latchkey' });
    expect(plan.linuxEntry?.content).toContain('Exec="/home/ada/latchkey/node_modules/electron/dist/electron" "/home/ada/latchkey" --deep-link -- %u\n');
  });

});

/**
 * Electron 45 writes the registry command with GetProtocolLaunchPath (shell/browser/browser_win.cc):
 * every part through AddQuoteForArg (shell/common/command_line_util_win.cc, electron/electron#50016),
 * then ` "%1"`. Windows substitutes the URL and splits the command as CommandLineToArgvW does.
 */
describe('the Windows command our plan becomes', () => {
  const url = 'dev.latchkey.app.dev:/auth/callback?code=abc&state=xyz';
  it.each([
    ['installed under Program Files', { isPackaged: true, execPath: 'C:\\Program Files\\Latchkey\\Latchkey.exe' }, '"C:\\Program Files\\Latchkey\\Latchkey.exe" --deep-link -- "%1"'],
    [
      'a checkout in a folder with a space',
      { isPackaged: false, execPath: 'C:\\src\\electron.exe', appPath: 'C:\\Users\\Ada Lovelace\\latchkey' },
      '"C:\\src\\electron.exe" "C:\\Users\\Ada Lovelace\\latchkey" --deep-link -- "%1"',
    ],
    ['a checkout in a folder ending in a backslash', { isPackaged: false, execPath: 'C:\\e.exe', appPath: 'D:\\my app\\' }, '"C:\\e.exe" "D:\\my app\\\\" --deep-link -- "%1"'],
  ])('%s: the registry holds the command, and the app receives exactly its own argv', (_label, context, command) => {
    const plan = protocolPlan({ ...base, platform: 'win32', scheme: 'dev.latchkey.app.dev', ...context }).windows!;
    expect(protocolCommand(plan.path, plan.args)).toBe(command);
    const argv = commandLineToArgv(substituteUrl(command, url));
    expect(argv).toEqual([plan.path, ...plan.args, url]);
    // Chromium moves its own switches in front of the sentinel; the link is still found.
    expect(findDeepLink(secondInstanceArgv(argv, 'win32'), { scheme: 'dev.latchkey.app.dev', platform: 'win32' })).toEqual({ kind: 'url', url });
  });
});

describe('the Linux URL-handler entry', () => {
  // The desktop expands Exec as the Desktop Entry Specification says (test/harness/desktop-exec.ts):
  // whatever the paths hold, the program gets exactly them, then the sentinel, then the one URL.
  it.each([
    ['an AppImage in a folder with a space', ['/home/ada/My Apps/Latchkey.AppImage']],
    ['a checkout under odd names', ['/opt/e$(id)/electron', '/home/ada/"quoted" `tick` \\back 100%u']],
  ])('%s: the program receives exactly its own argv', (_label, command) => {
    const entry = linuxUrlHandlerEntry({ scheme: 'dev.latchkey.app', productName: 'Latchkey', command });
    const url = 'dev.latchkey.app:/auth/callback?code=a%20b&state=c';
    const argv = execArgv(execLine(entry.content)!, url);
    expect(argv).toEqual([...command, '--deep-link', '--', url]);
    expect(findDeepLink(secondInstanceArgv(argv, 'linux'), { scheme: 'dev.latchkey.app', platform: 'linux' })).toEqual({ kind: 'url', url });
  });

  it('is hidden, takes one URL, and claims only our scheme', () => {
    expect(linuxUrlHandlerEntry({ scheme: 'dev.latchkey.app', productName: 'Latchkey', command: ['/apps/Latchkey.AppImage'] })).toEqual({
      fileName: 'dev.latchkey.app.url-handler.desktop',
      mimeType: 'x-scheme-handler/dev.latchkey.app',
      content: [
        '[Desktop Entry]',
        'Type=Application',
        'Name=Latchkey',
        'Comment=Receives Latchkey sign-in links from the browser',
        'Exec="/apps/Latchkey.AppImage" --deep-link -- %u',
        'Terminal=false',
        'NoDisplay=true',
        'MimeType=x-scheme-handler/dev.latchkey.app;',
        '',
      ].join('\n'),
    });
  });

  // Desktop Entry Specification, "The Exec key": quote, backslash-escape " ` $ \, then escape the
  // backslashes again as a string value; a literal % is %%.
  it.each([
    ['a plain path', '/opt/app', '"/opt/app"'],
    ['a space', '/home/ada/My Apps/x', '"/home/ada/My Apps/x"'],
    ['a dollar sign', '/home/$USER/x', '"/home/\\\\$USER/x"'],
    ['a double quote', '/tmp/a"b', '"/tmp/a\\\\"b"'],
    ['a backtick', '/tmp/a`id`', '"/tmp/a\\\\`id\\\\`"'],
    ['a backslash', '/tmp/a\\b', '"/tmp/a\\\\\\\\b"'],
    ['a field code', '/tmp/100%u', '"/tmp/100%%u"'],
  ])('quotes an argument with %s', (_label, arg, quoted) => {
    expect(quoteExecArgument(arg)).toBe(quoted);
  });

  it.each(['', '/tmp/a\nExec=evil', '/tmp/a\rb'])('refuses an argument that would break the file: %j', (arg) => {
    expect(() => quoteExecArgument(arg)).toThrow(/single line/u);
  });

  it('keeps a product name on one line', () => {
    const { content } = linuxUrlHandlerEntry({ scheme: 'dev.latchkey.app', productName: 'Latch\nExec=evil', command: ['/x'] });
    expect(content.split('\n').filter((line) => line.startsWith('Exec='))).toHaveLength(1);
  });
});

describe('the scheme in use', () => {
  const config = { scheme: 'dev.latchkey.app', developmentScheme: 'dev.latchkey.app.dev' };
  it.each([
    [true, 'dev.latchkey.app'],
    [false, 'dev.latchkey.app.dev'],
  ])('packaged %s: %s', (isPackaged, scheme) => {
    expect(activeScheme(config, isPackaged)).toBe(scheme);
  });
});
