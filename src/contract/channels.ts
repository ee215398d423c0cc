/**
 * The names of everything that crosses between the popover and the main process. This file holds
 * names only (no schemas), so the sandboxed preload can import it without pulling in a validator.
 */
export const commandNames = [
  'getView',
  'signIn',
  'signInWithDevice',
  'copyDeviceAddress',
  'cancelSignIn',
  'submitCode',
  'useLoopback',
  'signOut',
  'retry',
  'allowWeakEncryption',
  'setOpenAtLogin',
  'setTrayPanel',
  'setShortcut',
  'openLoginItemSettings',
  'copyDiagnostics',
  'hidePopover',
  'fitPopover',
  'openLogsFolder',
  'quit',
  'restartToUpdate',
  'openReleaseNotes',
  'setUpdateChannel',
  'checkForUpdates',
  'addAccount',
  'addAccountOnServer',
  'selectAccount',
  'signOutAccount',
  'signOutAll',
] as const;

export type CommandName = (typeof commandNames)[number];

/** Pushes from main to the popover. */
export const eventNames = ['view', 'shown'] as const;
export type EventName = (typeof eventNames)[number];

export function commandChannel(name: CommandName): string {
  return `latchkey:command:${name}`;
}

export function eventChannel(name: EventName): string {
  return `latchkey:event:${name}`;
}

/** The global the preload exposes the API under. */
export const exposedApiKey = 'latchkey';
