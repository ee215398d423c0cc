/**
 * How this process should present itself, decided from how it was started. A start at login is
 * quiet: the tray appears, the popover stays closed, and the session is restored without asking
 * anything of the user.
 */

/**
 * The argument our login items add on Windows and Linux. macOS cannot pass arguments to a login
 * item registered through SMAppService, so there the OS says it instead (`wasOpenedAtLogin`).
 */
export const hiddenStartFlag = '--hidden';

export interface LaunchFacts {
  /** The process's arguments (`process.argv`). */
  argv: readonly string[];
  /** macOS's `app.getLoginItemSettings().wasOpenedAtLogin`; false elsewhere. */
  openedAtLoginByOs: boolean;
}

export interface LaunchMode {
  /** Started by the OS at login rather than by the user. */
  startedAtLogin: boolean;
  /** Open the popover once ready: only when the user started the app themselves. */
  showPopover: boolean;
  /**
   * May the start-up ask the user for something (open the popover for a sign-in, raise a
   * notification about a failed restore)? Not at login: a keyring still locked then means the
   * vault is "temporarily unavailable" and retries on unlock, never a sign-out.
   */
  interactive: boolean;
}

/** Started by the OS at login: macOS says so itself; elsewhere our login item passed the flag. */
export function startedAtLogin(facts: LaunchFacts): boolean {
  return facts.openedAtLoginByOs || facts.argv.includes(hiddenStartFlag);
}

/** The presentation for a start; `LoginItems.wasOpenedAtLogin()` supplies `atLogin` in the app. */
export function launchModeFor(atLogin: boolean): LaunchMode {
  return { startedAtLogin: atLogin, showPopover: !atLogin, interactive: !atLogin };
}

export function decideLaunchMode(facts: LaunchFacts): LaunchMode {
  return launchModeFor(startedAtLogin(facts));
}

/** What the caller stores once the first-run default has been applied; any stored value counts. */
export const openAtLoginDefaultApplied = true;

export interface FirstRunFacts {
  isPackaged: boolean;
  /** The value the caller stored earlier, or undefined if it never stored one. */
  marker: unknown;
}

export interface FirstRunDecision {
  /** Turn open-at-login on now. */
  enable: boolean;
  /** The value to store so that this is decided once; null when nothing should be stored. */
  storeMarker: typeof openAtLoginDefaultApplied | null;
}

/**
 * Open at login is on by default, decided once, at the first run of a packaged build. A
 * development run never registers itself (it would register the bare Electron binary) and
 * leaves no marker, so the first packaged run still gets the default. Any stored marker, even
 * one we cannot read, means the choice was made: the user's later choice is never overridden.
 */
export function decideFirstRunOpenAtLogin(facts: FirstRunFacts): FirstRunDecision {
  if (facts.marker !== undefined || !facts.isPackaged) return { enable: false, storeMarker: null };
  return { enable: true, storeMarker: openAtLoginDefaultApplied };
}
