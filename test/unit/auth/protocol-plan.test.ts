import { describe, expect, it } from 'vitest';
import { linuxUrlHandlerEntry, quoteExecArgument } from '../../../src/core/auth/desktop-entry';
import { activeScheme, protocolPlan, type ProtocolContext } from '../../../src/core/auth/protocol-plan';

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
      'Windows, development: Electron with the app path, quoted because Electron joins arguments unquoted',
      { platform: 'win32', isPackaged: false, execPath: 'C:\\src\\node_modules\\electron\\dist\\electron.exe', appPath: 'C:\\Users\\Ada Lovelace\\latchkey' },
      { path: 'C:\\src\\node_modules\\electron\\dist\\electron.exe', args: ['"C:\\Users\\Ada Lovelace\\latchkey"', '--deep-link', '--'] },
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

  it('refuses a Windows path with a quote rather than build a broken command', () => {
    expect(() => protocolPlan({ ...base, platform: 'win32', isPackaged: false, appPath: 'C:\\a"b' })).toThrow(/double quote/u);
  });
});

describe('the Linux URL-handler entry', () => {
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
