/**
 * Global shortcuts as Electron's accelerator strings ("Alt+Shift+L"), checked before they reach
 * the OS: Electron throws on a string it cannot parse, and a shortcut without a modifier would
 * take a plain key away from every other app.
 */

/** The modifiers, in the order Electron's docs write them (docs/api/accelerator.md). */
const modifierOrder = ['Command', 'Control', 'Alt', 'Shift', 'Super'] as const;
export type Modifier = (typeof modifierOrder)[number];

const aliases: Record<string, Modifier> = {
  command: 'Command',
  cmd: 'Command',
  control: 'Control',
  ctrl: 'Control',
  alt: 'Alt',
  option: 'Alt',
  shift: 'Shift',
  super: 'Super',
  meta: 'Super',
};

/** Keys a shortcut may end in: letters, digits, F1–F24, Space and a few punctuation keys. */
const keyPattern = /^(?:[A-Z0-9]|F(?:[1-9]|1\d|2[0-4])|Space|[;=,\-./`[\]\\'])$/u;

export type AcceleratorProblem = 'no_key' | 'no_modifier' | 'unknown_key';

export type ParsedAccelerator = { ok: true; accelerator: string } | { ok: false; problem: AcceleratorProblem };

/**
 * Reads an accelerator into its one spelling (modifiers in order, then the key). It needs a key
 * and a modifier other than Shift alone; F-keys may stand with Shift or nothing else held.
 */
export function parseAccelerator(text: string): ParsedAccelerator {
  const parts = text.split('+').map((part) => part.trim());
  // "Ctrl++" names the plus key: not one we offer, so it is an unknown key.
  if (parts.some((part) => part === '')) return { ok: false, problem: 'unknown_key' };
  const modifiers = new Set<Modifier>();
  const keys: string[] = [];
  for (const part of parts) {
    const modifier = aliases[part.toLowerCase()];
    if (modifier) modifiers.add(modifier);
    else keys.push(part.length === 1 ? part.toUpperCase() : part[0]!.toUpperCase() + part.slice(1).toLowerCase());
  }
  if (keys.length === 0) return { ok: false, problem: 'no_key' };
  const key = keys[0]!;
  if (keys.length > 1 || !keyPattern.test(key)) return { ok: false, problem: 'unknown_key' };
  const functionKey = /^F\d/u.test(key);
  if (!functionKey && ![...modifiers].some((modifier) => modifier !== 'Shift')) return { ok: false, problem: 'no_modifier' };
  const ordered = modifierOrder.filter((modifier) => modifiers.has(modifier));
  return { ok: true, accelerator: [...ordered, key].join('+') };
}

/**
 * The shortcut offered before the user picks one, only where it takes nothing from the OS:
 * - macOS: Control+Command+L. Control+Option is VoiceOver's modifier, Option+Shift types letters
 *   (Ò), and Shift+Command+L is the system's "Search With Google" service.
 * - Windows: Alt+Shift+L. Control+Alt is AltGr on many layouts (Control+Alt+L types "ł" in
 *   Polish), Windows+ combinations belong to the shell, and Alt+Shift alone (released without a
 *   key) is what switches the input language, so a third key does not disturb it.
 * - Linux: none. GNOME, KDE and the others each bind their own combinations, and under Wayland an
 *   app cannot grab a key at all; the user picks one in Settings, or binds it in the desktop.
 */
export function defaultAccelerator(platform: NodeJS.Platform): string | null {
  if (platform === 'darwin') return 'Control+Command+L';
  if (platform === 'win32') return 'Alt+Shift+L';
  return null;
}

/** How a shortcut is written for people on this OS: macOS names Option, others Ctrl. */
export function acceleratorLabel(accelerator: string, platform: NodeJS.Platform): string {
  const names: Record<string, string> =
    platform === 'darwin'
      ? { Command: 'Command', Control: 'Control', Alt: 'Option', Shift: 'Shift', Super: 'Command' }
      : { Command: 'Super', Control: 'Ctrl', Alt: 'Alt', Shift: 'Shift', Super: platform === 'win32' ? 'Windows' : 'Super' };
  return accelerator
    .split('+')
    .map((part) => names[part] ?? part)
    .join('+');
}
