/** The punctuation keys an accelerator can name, by the physical key (KeyboardEvent.code). */
const punctuation: Record<string, string> = {
  Semicolon: ';',
  Equal: '=',
  Comma: ',',
  Minus: '-',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Quote: "'",
};

const modifierKeys = new Set(['Control', 'Alt', 'AltGraph', 'Shift', 'Meta', 'OS']);

/**
 * The accelerator for a key press while the shortcut field listens, or null while only modifiers
 * are held. The physical key is used, so Alt+Shift+L stays L on layouts where it types "Ò".
 * Main decides whether the combination is allowed (src/core/shortcut/accelerator.ts).
 */
export function recordedAccelerator(event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>, mac: boolean): string | null {
  if (modifierKeys.has(event.key)) return null;
  const key =
    /^Key[A-Z]$/u.test(event.code) ? event.code.slice(3)
    : /^Digit\d$/u.test(event.code) ? event.code.slice(5)
    : /^F\d{1,2}$/u.test(event.code) ? event.code
    : event.code === 'Space' ? 'Space'
    : (punctuation[event.code] ?? event.key);
  const modifiers = [
    event.metaKey && mac ? 'Command' : null,
    event.ctrlKey ? 'Control' : null,
    event.altKey ? 'Alt' : null,
    event.shiftKey ? 'Shift' : null,
    event.metaKey && !mac ? 'Super' : null,
  ].filter((modifier) => modifier !== null);
  return [...modifiers, key].join('+');
}
