import { describe, expect, it } from 'vitest';
import { GlobalShortcut } from '../../../src/core/shortcut/global-shortcut';
import { silentLogger } from '../../../src/core/ports';
import { GlobalShortcutDouble } from '../../harness/global-shortcut-double';

function setUp(platform: NodeJS.Platform, saved: Record<string, unknown> = {}) {
  const registry = new GlobalShortcutDouble(() => true);
  const store = new Map(Object.entries(saved));
  let presses = 0;
  const shortcut = new GlobalShortcut({
    registry,
    store: { get: (key) => store.get(key), set: (key, value) => void store.set(key, value) },
    platform,
    logger: silentLogger,
    pressed: () => void (presses += 1),
  });
  return { registry, store, shortcut, presses: () => presses };
}

describe('the global shortcut', () => {
  it('holds the default where there is one, and a press reaches the popover', () => {
    const { registry, shortcut, presses } = setUp('win32');
    shortcut.start();
    expect(shortcut.view()).toEqual({ accelerator: 'Alt+Shift+L', label: 'Alt+Shift+L', problem: null });
    expect(registry.press('Shift+Alt+L')).toBe(true);
    expect(presses()).toBe(1);
  });

  it('holds nothing on Linux until the user chooses', () => {
    const { registry, shortcut } = setUp('linux');
    shortcut.start();
    expect(shortcut.view().accelerator).toBeNull();
    expect(registry.held()).toEqual([]);
  });

  it('says so at start when another app holds the saved shortcut, and keeps it chosen', () => {
    const { registry, shortcut } = setUp('darwin');
    registry.heldByAnotherApp('Control+Command+L');
    shortcut.start();
    expect(shortcut.view()).toEqual({
      accelerator: 'Control+Command+L',
      label: 'Control+Command+L',
      problem: 'Control+Command+L is already used by another app, so the shortcut does not work. Choose another one.',
    });
  });

  it('refuses a shortcut another app holds with a sentence, and the old one keeps working', () => {
    const { registry, store, shortcut, presses } = setUp('win32');
    shortcut.start();
    registry.heldByAnotherApp('Control+Alt+K');
    expect(shortcut.set('Control+Alt+K')).toEqual({
      ok: false,
      code: 'shortcut_taken',
      message: 'Ctrl+Alt+K is already used by another app. Choose another shortcut.',
    });
    expect(registry.press('Alt+Shift+L')).toBe(true);
    expect(presses()).toBe(1);
    expect(store.has('globalShortcut'), 'nothing saved').toBe(false);
    expect(shortcut.view().accelerator).toBe('Alt+Shift+L');
  });

  it('moves to a new shortcut, lets the old one go, and remembers it across a restart', () => {
    const { registry, store, shortcut } = setUp('win32');
    shortcut.start();
    expect(shortcut.set('Control+Alt+K')).toEqual({ ok: true });
    expect(registry.press('Alt+Shift+L'), 'the old one is free for other apps').toBe(false);
    expect(registry.press('Control+Alt+K')).toBe(true);
    shortcut.dispose();
    const again = setUp('win32', Object.fromEntries(store));
    again.shortcut.start();
    expect(again.shortcut.view().accelerator).toBe('Control+Alt+K');
  });

  it('turns off, and stays off after a restart', () => {
    const { registry, store, shortcut } = setUp('darwin');
    shortcut.start();
    expect(shortcut.set(null)).toEqual({ ok: true });
    expect(registry.held()).toEqual([]);
    const again = setUp('darwin', Object.fromEntries(store));
    again.shortcut.start();
    expect(again.shortcut.view().accelerator).toBeNull();
    expect(again.registry.held()).toEqual([]);
  });

  it('refuses a combination without a modifier before it reaches the OS', () => {
    const { registry, shortcut } = setUp('linux');
    shortcut.start();
    expect(shortcut.set('L')).toEqual({ ok: false, code: 'invalid_request', message: 'A shortcut needs Ctrl, Alt or Super with the key.' });
    expect(registry.held()).toEqual([]);
  });
});

describe('the globalShortcut double', () => {
  it('is as strict as Electron: not before ready, no second registration, no unparsable accelerator', () => {
    let ready = false;
    const registry = new GlobalShortcutDouble(() => ready);
    expect(() => registry.register('Alt+K', () => {})).toThrow(/before the app is ready/u);
    ready = true;
    expect(registry.register('Alt+K', () => {})).toBe(true);
    expect(registry.register('alt+k', () => {}), 'the same combination, spelled otherwise').toBe(false);
    expect(() => registry.register('Hyper+K', () => {})).toThrow(/conversion failure/u);
  });
});
