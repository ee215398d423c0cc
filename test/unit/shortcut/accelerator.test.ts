import { describe, expect, it } from 'vitest';
import { acceleratorLabel, defaultAccelerator, parseAccelerator } from '../../../src/core/shortcut/accelerator';

describe('a shortcut the user records', () => {
  it.each([
    ['Alt+Shift+L', 'Alt+Shift+L'],
    ['shift+alt+l', 'Alt+Shift+L'],
    ['Ctrl+Option+Space', 'Control+Alt+Space'],
    ['Command+Control+L', 'Command+Control+L'],
    ['Meta+K', 'Super+K'],
    ['F9', 'F9'],
    ['Shift+F12', 'Shift+F12'],
    ['Control+;', 'Control+;'],
  ])('%s is kept as %s', (typed, accelerator) => {
    expect(parseAccelerator(typed)).toEqual({ ok: true, accelerator });
  });

  it.each([
    ['L', 'no_modifier'],
    ['Shift+L', 'no_modifier'],
    ['Space', 'no_modifier'],
    ['Control+Alt', 'no_key'],
    ['Control+Enter', 'unknown_key'],
    ['Alt+L+K', 'unknown_key'],
    ['Control++', 'unknown_key'],
    ['Alt+F25', 'unknown_key'],
  ])('%s is refused: %s', (typed, problem) => {
    expect(parseAccelerator(typed)).toEqual({ ok: false, problem });
  });
});

describe('the default shortcut', () => {
  it('is offered on macOS and Windows, each without an OS clash, and not on Linux', () => {
    expect(defaultAccelerator('darwin')).toBe('Control+Command+L');
    expect(defaultAccelerator('win32')).toBe('Alt+Shift+L');
    expect(defaultAccelerator('linux'), 'desktops bind their own keys, and Wayland lets no app grab one').toBeNull();
    for (const platform of ['darwin', 'win32'] as const) expect(parseAccelerator(defaultAccelerator(platform)!).ok).toBe(true);
  });

  it('is written the way each OS names its keys', () => {
    expect(acceleratorLabel('Control+Alt+Super+K', 'win32')).toBe('Ctrl+Alt+Windows+K');
    expect(acceleratorLabel('Command+Control+Alt+K', 'darwin')).toBe('Command+Control+Option+K');
    expect(acceleratorLabel('Control+Super+K', 'linux')).toBe('Ctrl+Super+K');
  });
});
