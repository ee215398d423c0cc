import { z } from 'zod';
import type { CommandName } from './channels';
import { updateChannels, type AccountView } from './view';
import type { Outcome } from './outcome';

const none = z.undefined();

/**
 * The payload schema of every command. Main parses each payload with these before a handler runs;
 * `satisfies` makes a command without a schema a compile error.
 */
export const commandPayloads = {
  getView: none,
  signIn: none,
  signInWithDevice: none,
  copyDeviceAddress: none,
  cancelSignIn: none,
  submitCode: z.object({ code: z.string().trim().min(1).max(512) }).strict(),
  useLoopback: none,
  signOut: none,
  retry: none,
  allowWeakEncryption: z.object({ allow: z.boolean() }).strict(),
  setOpenAtLogin: z.object({ enabled: z.boolean() }).strict(),
  setTrayPanel: z.object({ panel: z.enum(['auto', 'light', 'dark']) }).strict(),
  /** An Electron accelerator, or null to turn the shortcut off; main checks it (src/core/shortcut). */
  setShortcut: z.object({ accelerator: z.string().trim().min(1).max(64).nullable() }).strict(),
  openLoginItemSettings: none,
  copyDiagnostics: none,
  hidePopover: none,
  /** The rendered content's height in CSS pixels; main clamps it to the display (src/core/popover). */
  fitPopover: z.object({ height: z.number().int().min(0).max(100_000) }).strict(),
  openLogsFolder: none,
  quit: none,
  restartToUpdate: none,
  openReleaseNotes: none,
  setUpdateChannel: z.object({ channel: z.enum(updateChannels) }).strict(),
  checkForUpdates: none,
  addAccount: none,
  /** A server address as typed ("auth.example.com"); main checks it (src/core/accounts/server-address.ts). */
  addAccountOnServer: z.object({ address: z.string().trim().min(1).max(2048) }).strict(),
  /** An account's id from the view's list (a slot number, never a secret). */
  selectAccount: z.object({ id: z.string().regex(/^[0-9]$/u) }).strict(),
  signOutAccount: z.object({ id: z.string().regex(/^[0-9]$/u) }).strict(),
  signOutAll: none,
} satisfies Record<CommandName, z.ZodType>;

export type CommandPayload<K extends CommandName> = z.output<(typeof commandPayloads)[K]>;

/** What each command answers. */
export interface CommandResults {
  getView: AccountView;
  signIn: Outcome;
  /** Starts sign-in with another device (RFC 8628), cancelling a browser sign-in under way. */
  signInWithDevice: Outcome;
  /** Copies the device sign-in's address to type, through main's clipboard. */
  copyDeviceAddress: Outcome;
  cancelSignIn: Outcome;
  submitCode: Outcome;
  useLoopback: Outcome;
  signOut: Outcome;
  retry: Outcome;
  allowWeakEncryption: Outcome;
  setOpenAtLogin: Outcome;
  setTrayPanel: Outcome;
  /** Refused with a sentence when another app holds the combination; the old shortcut keeps working. */
  setShortcut: Outcome;
  openLoginItemSettings: Outcome;
  copyDiagnostics: Outcome;
  hidePopover: Outcome;
  /** The height main gave the window: less than asked when the display is too short, and then the content scrolls. */
  fitPopover: { height: number };
  openLogsFolder: Outcome;
  quit: Outcome;
  /** Installs the downloaded update now, or as soon as the sign-in under way ends. */
  restartToUpdate: Outcome;
  /** Opens the ready update's release notes in the browser. */
  openReleaseNotes: Outcome;
  setUpdateChannel: Outcome;
  /** Asks the feed now rather than at the next scheduled check. */
  checkForUpdates: Outcome;
  /** "Add another account": a sign-in with `prompt=select_account`; refused with a sentence at the limit. */
  addAccount: Outcome;
  /**
   * "Add an account on another server": the server is discovered from the address (RFC 8414) and
   * the sign-in runs there. Refused with a sentence when the build pins its server, when the address
   * is not one, when the server cannot be reached, or when it is not a Latchkey-capable server.
   */
  addAccountOnServer: Outcome;
  /** Makes the account active: the tray and `authenticatedFetch` use it. */
  selectAccount: Outcome;
  /** Signs out of one account (revoked on its server); the others stay. */
  signOutAccount: Outcome;
  signOutAll: Outcome;
}

type Args<K extends CommandName> = undefined extends z.input<(typeof commandPayloads)[K]>
  ? []
  : [payload: z.input<(typeof commandPayloads)[K]>];

/** The API the preload exposes to the popover as `window.latchkey`. */
export type LatchkeyApi = {
  [K in CommandName]: (...args: Args<K>) => Promise<CommandResults[K]>;
} & {
  /** Called with every new view; returns a function that stops the calls. */
  onView(listener: (view: AccountView) => void): () => void;
  /** Called each time the popover window is shown (by the tray or the shortcut); returns a function that stops the calls. */
  onShown(listener: () => void): () => void;
};

/** Main's side: one handler per command, so a missing handler does not compile. */
export type CommandHandlers = {
  [K in CommandName]: (payload: CommandPayload<K>) => Promise<CommandResults[K]> | CommandResults[K];
};
