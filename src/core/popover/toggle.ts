/**
 * A click on the tray icon first blurs the open popover (the OS moves focus to the taskbar) and
 * only then arrives as a click. Within this window after a blur-hide, the click means "close",
 * which has already happened, not "open again" (the flicker in
 * https://github.com/max-mapper/menubar/issues/274).
 * @default 250
 */
export const blurGraceMs = 250;

export type TrayClickAction = 'show' | 'hide' | 'none';

/** Decides what a tray click does to the popover, remembering when a blur last hid it. */
export class PopoverToggle {
  #hiddenByBlurAt = -Infinity;

  constructor(private readonly graceMs = blurGraceMs) {}

  /** The popover lost focus while visible and was hidden. */
  blurred(now: number): void {
    this.#hiddenByBlurAt = now;
  }

  clicked(now: number, visible: boolean): TrayClickAction {
    if (visible) return 'hide';
    return now - this.#hiddenByBlurAt < this.graceMs ? 'none' : 'show';
  }
}
