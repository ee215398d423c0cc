/** Why a login-item operation could not be done; each code has its own sentence for the user. */
export type LoginItemsFailure =
  /** This build or sandbox cannot register a login item (Flatpak, Snap, Windows Store). */
  | 'unsupported'
  /** The command to start at login cannot be written down faithfully (e.g. a control character). */
  | 'invalid_command'
  /** Reading or writing the autostart entry failed. */
  | 'io'
  /** The OS has no settings pane for login items that we can open. */
  | 'no_settings_pane';

export class LoginItemsError extends Error {
  constructor(
    readonly failure: LoginItemsFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LoginItemsError';
  }
}
