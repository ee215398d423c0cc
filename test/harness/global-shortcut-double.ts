import type { ElectronApi } from '../../src/main/electron-api';

const modifierNames: Record<string, string> = {
  command: 'cmd',
  cmd: 'cmd',
  commandorcontrol: 'cmdorctrl',
  cmdorctrl: 'cmdorctrl',
  control: 'ctrl',
  ctrl: 'ctrl',
  alt: 'alt',
  option: 'alt',
  altgr: 'altgr',
  shift: 'shift',
  super: 'super',
  meta: 'super',
};

/**
 * One spelling per combination, as Chromium compares accelerators (ui::Accelerator: a key code
 * plus modifier flags), so "Shift+Alt+l" and "Alt+Shift+L" are the same shortcut.
 */
function canonical(accelerator: string): string {
  const parts = accelerator.split('+');
  const key = parts.pop()?.toLowerCase() ?? '';
  const modifiers = parts.map((part) => modifierNames[part.toLowerCase()]);
  // Electron's converter refuses what it cannot parse: "conversion failure from <accelerator>".
  if (key === '' || modifiers.some((modifier) => modifier === undefined)) {
    throw new TypeError(`Error processing argument at index 0, conversion failure from ${accelerator}`);
  }
  return [...new Set(modifiers)].sort().concat(key).join('+');
}

/**
 * The OS's table of global shortcuts, with other apps in it. As in Electron: unusable before
 * `ready` ("cannot be used before the ready event", docs/api/global-shortcut.md); `register`
 * returns false when another app holds the combination ("this call will silently fail") and when
 * this app already holds it (Chromium's GlobalShortcutListener::RegisterAccelerator refuses a
 * second registration); https://www.electronjs.org/docs/latest/api/global-shortcut
 */
export class GlobalShortcutDouble implements Pick<ElectronApi['globalShortcut'], 'register' | 'unregister'> {
  readonly #ours = new Map<string, () => void>();
  readonly #theirs = new Set<string>();

  constructor(private readonly isReady: () => boolean) {}

  /** Another app on this machine takes a combination first. */
  heldByAnotherApp(accelerator: string): void {
    this.#theirs.add(canonical(accelerator));
  }

  register(accelerator: string, callback: () => void): boolean {
    this.#checkReady();
    const key = canonical(accelerator);
    if (this.#theirs.has(key) || this.#ours.has(key)) return false;
    this.#ours.set(key, callback);
    return true;
  }

  unregister(accelerator: string): void {
    this.#checkReady();
    this.#ours.delete(canonical(accelerator));
  }

  /** The combinations this app holds, as it registered them (canonical spelling). */
  held(): string[] {
    return [...this.#ours.keys()];
  }

  /** The user presses a combination anywhere: only the app holding it hears it. Answers whether this app did. */
  press(accelerator: string): boolean {
    const callback = this.#ours.get(canonical(accelerator));
    callback?.();
    return callback !== undefined;
  }

  #checkReady(): void {
    if (!this.isReady()) throw new Error('globalShortcut cannot be used before the app is ready');
  }
}
