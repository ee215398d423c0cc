import { describe, expect, it } from 'vitest';
import {
  decideFirstRunOpenAtLogin,
  decideLaunchMode,
  hiddenStartFlag,
  openAtLoginDefaultApplied,
} from '../../../src/core/login-items/launch-mode';

describe('how a start presents itself', () => {
  it.each([
    ['a user start on any OS', ['/opt/Latchkey/latchkey'], false, false],
    ['the login item on Windows or Linux', ['/opt/Latchkey/latchkey', hiddenStartFlag], false, true],
    ['the login item of a development run', ['/electron', '/repo', hiddenStartFlag], false, true],
    ['macOS at login (SMAppService passes no arguments)', ['/Applications/Latchkey.app/Contents/MacOS/Latchkey'], true, true],
    ['a deep link that merely mentions the flag', ['/opt/Latchkey/latchkey', 'dev.latchkey.app://cb?x=--hidden'], false, false],
    ['a flag with a value is not ours', ['/opt/Latchkey/latchkey', '--hidden=false'], false, false],
  ])('%s', (_case, argv, openedAtLoginByOs, atLogin) => {
    expect(decideLaunchMode({ argv, openedAtLoginByOs })).toEqual({
      startedAtLogin: atLogin,
      showPopover: !atLogin,
      interactive: !atLogin,
    });
  });
});

describe('open at login by default', () => {
  it.each([
    ['the first packaged run turns it on and remembers', true, undefined, { enable: true, storeMarker: openAtLoginDefaultApplied }],
    ['a later packaged run leaves the user’s choice alone', true, openAtLoginDefaultApplied, { enable: false, storeMarker: null }],
    ['an unreadable marker still counts as decided', true, 'garbage', { enable: false, storeMarker: null }],
    ['a development run never turns it on and leaves no marker', false, undefined, { enable: false, storeMarker: null }],
    ['a development run after a packaged one changes nothing', false, openAtLoginDefaultApplied, { enable: false, storeMarker: null }],
  ])('%s', (_case, isPackaged, marker, decision) => {
    expect(decideFirstRunOpenAtLogin({ isPackaged, marker })).toEqual(decision);
  });
});
