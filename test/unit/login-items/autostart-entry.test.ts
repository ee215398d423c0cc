import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  autostartChange,
  autostartEntry,
  autostartOverride,
  autostartState,
  autostartStatus,
} from '../../../src/core/login-items/autostart-entry';
import { LoginItemsError } from '../../../src/core/login-items/errors';
import { execLine, splitExecLine } from '../../../src/core/login-items/exec-line';
import { autostartDirectories, autostartFileName, linuxAutostartSupported } from '../../../src/core/login-items/linux-support';

const ours = { program: '/opt/Latchkey/latchkey', args: ['--hidden'] };

describe('the autostart entry', () => {
  it('is a desktop entry that starts us hidden', () => {
    expect(autostartEntry({ productName: 'Latchkey', command: ours })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Version=1.5',
        'Name=Latchkey',
        'Comment=Starts Latchkey in the tray when you log in',
        'Exec=/opt/Latchkey/latchkey --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['a plain path', ['/opt/Latchkey/latchkey', '--hidden'], '/opt/Latchkey/latchkey --hidden'],
    ['a space', ['/home/ada/My Apps/Latchkey.AppImage', '--hidden'], '"/home/ada/My Apps/Latchkey.AppImage" --hidden'],
    ['a dollar and a backtick', ['/home/ada/$x`y`/l'], '"/home/ada/\\\\$x\\\\`y\\\\`/l"'],
    ['a double quote', ['/a"b/l'], '"/a\\\\"b/l"'],
    ['a backslash takes four inside quotes', ['/a\\b/l'], '"/a\\\\\\\\b/l"'],
    ['a percent sign is doubled', ['/home/ada/100%/l'], '/home/ada/100%%/l'],
    ['a quoted percent sign is doubled too', ['/home/ada/100% sure/l'], '"/home/ada/100%% sure/l"'],
    ['a tilde and parentheses are reserved', ['/x/~(1)/l'], '"/x/~(1)/l"'],
    ['an empty argument', ['/l', ''], '/l ""'],
  ])('Exec with %s', (_case, [program, ...args], line) => {
    expect(execLine({ program: program!, args })).toBe(line);
    expect(splitExecLine(line)).toEqual([program, ...args]);
  });

  it('reads back every command it writes', () => {
    const argument = fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '\\', '$', '`', '%', '~', '#', '=', 'é', ';', '*') });
    fc.assert(
      fc.property(argument.filter((s) => s !== '' && !s.includes('=')), fc.array(argument, { maxLength: 3 }), (program, args) => {
        expect(splitExecLine(execLine({ program, args }))).toEqual([program, ...args]);
      }),
    );
  });

  it('refuses a command the format cannot hold', () => {
    expect(() => execLine({ program: '/a\nb', args: [] })).toThrow(LoginItemsError);
    expect(() => execLine({ program: '/a=b/l', args: [] })).toThrow(/"="/u);
  });

  it('names the file after the app id, and refuses one that is not a desktop file id', () => {
    expect(autostartFileName('dev.latchkey.app')).toBe('dev.latchkey.app.desktop');
    expect(() => autostartFileName('latchkey')).toThrow(/reverse domain/u);
    expect(() => autostartFileName('../evil.app')).toThrow(/reverse domain/u);
  });
});

describe('reading an entry back', () => {
  const entry = (...lines: string[]) => ['[Desktop Entry]', 'Type=Application', 'Name=Latchkey', ...lines].join('\n');

  it.each([
    ['ours', entry('Exec=/opt/Latchkey/latchkey --hidden'), { on: true, argv: ['/opt/Latchkey/latchkey', '--hidden'] }],
    ['spaces around = and CRLF', `${entry('Exec = /opt/Latchkey/latchkey --hidden  ')}\n`.replace(/\n/gu, '\r\n'), { on: true, argv: ['/opt/Latchkey/latchkey', '--hidden'] }],
    ['Hidden=true', entry('Exec=/l', 'Hidden=true'), { on: false, reason: 'hidden' }],
    ['switched off in GNOME', entry('Exec=/l', 'X-GNOME-Autostart-enabled=false'), { on: false, reason: 'disabled' }],
    ['a key in another group does not count', `${entry('Exec=/l')}\n[Desktop Action x]\nHidden=true`, { on: true, argv: ['/l'] }],
    ['no Exec', entry(), { on: false, reason: 'unreadable' }],
    ['an unterminated quote', entry('Exec="/l --hidden'), { on: false, reason: 'unreadable' }],
    ['not a desktop entry', 'Exec=/l', { on: false, reason: 'unreadable' }],
    ['a Link, not an Application', entry('Exec=/l').replace('Type=Application', 'Type=Link'), { on: false, reason: 'not-an-application' }],
    ['field codes dropped', entry('Exec=/l %U --hidden'), { on: true, argv: ['/l', '--hidden'] }],
  ])('%s', (_case, text, state) => {
    expect(autostartState(text)).toEqual(state);
  });

  const on = { supported: true, enabled: true, requiresApproval: false };
  const off = { supported: true, enabled: false, requiresApproval: false };

  it.each([
    ['no entry anywhere', [null, null], off],
    ['our entry', [entry('Exec=/opt/Latchkey/latchkey --hidden'), null], on],
    ['our entry, switched off in GNOME', [entry('Exec=/opt/Latchkey/latchkey', 'X-GNOME-Autostart-enabled=false'), null], off],
    ['an entry for an AppImage since moved', [entry('Exec=/home/ada/Old/Latchkey.AppImage --hidden'), null], off],
    ['a system-wide entry by bare name', [null, entry('Exec=latchkey')], on],
    ['a user override hides the system-wide entry', [autostartOverride('Latchkey'), entry('Exec=latchkey')], off],
  ])('status: %s', (_case, entries, status) => {
    expect(autostartStatus(entries, ours)).toEqual(status);
  });

  it('disabling removes our entry, or masks a system-wide one that would still start us', () => {
    const input = { productName: 'Latchkey', command: ours };
    expect(autostartChange(true, [], input)).toEqual({ write: autostartEntry(input) });
    expect(autostartChange(false, [null], input)).toEqual({ remove: true });
    expect(autostartChange(false, [entry('Exec=latchkey', 'Hidden=true')], input)).toEqual({ remove: true });
    expect(autostartChange(false, [null, entry('Exec=latchkey')], input)).toEqual({ write: autostartOverride('Latchkey') });
  });
});

describe('where the entry lives', () => {
  it.each([
    ['defaults', {}, { user: '/home/ada/.config/autostart', system: ['/etc/xdg/autostart'] }],
    ['XDG_CONFIG_HOME', { XDG_CONFIG_HOME: '/cfg/' }, { user: '/cfg/autostart', system: ['/etc/xdg/autostart'] }],
    ['a relative XDG_CONFIG_HOME is ignored', { XDG_CONFIG_HOME: 'cfg' }, { user: '/home/ada/.config/autostart', system: ['/etc/xdg/autostart'] }],
    ['XDG_CONFIG_DIRS in order', { XDG_CONFIG_DIRS: '/a:rel:/b' }, { user: '/home/ada/.config/autostart', system: ['/a/autostart', '/b/autostart'] }],
  ])('%s', (_case, env, directories) => {
    expect(autostartDirectories(env, '/home/ada')).toEqual(directories);
  });

  it('is unavailable where the session would never read it', () => {
    expect(linuxAutostartSupported({})).toBe(true);
    expect(linuxAutostartSupported({ FLATPAK_ID: 'dev.latchkey.app' })).toBe(false);
    expect(linuxAutostartSupported({ SNAP: '/snap/latchkey/3' })).toBe(false);
  });
});
