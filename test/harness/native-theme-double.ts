import { EventEmitter } from 'node:events';

/**
 * nativeTheme as each OS reports it. `shouldUseDarkColorsForSystemIntegratedUI` and
 * `shouldUseHighContrastColors` are darwin/win32 only (docs/api/native-theme.md), so Linux reads
 * false; on macOS the first equals shouldUseDarkColors. `updated` fires when any of them changes.
 */
export class NativeThemeDouble extends EventEmitter {
  #dark = false;
  #taskbarDark = false;
  #highContrast = false;
  constructor(private readonly platform: NodeJS.Platform) {
    super();
  }
  get shouldUseDarkColors(): boolean {
    return this.#dark;
  }
  get shouldUseDarkColorsForSystemIntegratedUI(): boolean {
    if (this.platform === 'darwin') return this.#dark;
    return this.platform === 'win32' && this.#taskbarDark;
  }
  get shouldUseHighContrastColors(): boolean {
    return this.platform !== 'linux' && this.#highContrast;
  }
  /** The user changes the apps' theme, the system (taskbar) theme, or high contrast. */
  change(to: { dark?: boolean; taskbarDark?: boolean; highContrast?: boolean }): void {
    this.#dark = to.dark ?? this.#dark;
    this.#taskbarDark = to.taskbarDark ?? this.#taskbarDark;
    this.#highContrast = to.highContrast ?? this.#highContrast;
    this.emit('updated');
  }
  /** The theme the machine starts with, before the app reads it (no event). */
  startWith(to: { dark?: boolean; taskbarDark?: boolean; highContrast?: boolean }): void {
    this.#dark = to.dark ?? this.#dark;
    this.#taskbarDark = to.taskbarDark ?? this.#taskbarDark;
    this.#highContrast = to.highContrast ?? this.#highContrast;
  }
}
