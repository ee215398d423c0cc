import type { Unsaved, UnsavedCause } from './unsaved';

/** What went wrong on the disk, and what the user can do about it. */
const diskTrouble: Record<Exclude<UnsavedCause, 'keyring'>, string> = {
  diskFull: 'your disk is full. Free some space',
  diskError: 'the disk reported an error. Check the disk',
  noPermission: "Latchkey isn't allowed to write to its data folder. Check the folder's permissions",
  readOnly: "the disk holding Latchkey's data is read-only. Make it writable",
  diskOther: 'the disk refused the write',
};

/** The sentences the vault gives the popover, kept as data so the UI only renders them. */
export const vaultMessages = {
  keyringUnavailable: "Your system keyring is unavailable, so you'll need to sign in again next time.",
  weakNotAllowed:
    'No system keyring was found, so your sign-in is kept only until Latchkey quits. Allow weaker encryption to stay signed in across restarts.',
  notSaved: "Latchkey couldn't save your sign-in to the system keyring just now. It will try again; until then you'll need to sign in again after a restart.",
  storeReset: (copyPath: string) =>
    `Latchkey's saved data was damaged, so it started fresh. The damaged file was kept at ${copyPath}.`,
  /** A write or a deletion that did not reach the disk: what is at stake, why, and that it is retried. */
  unsaved: ({ change, cause }: Unsaved): string => {
    if (cause === 'keyring') {
      return change === 'write' ? vaultMessages.notSaved : "Latchkey couldn't update its saved data just now. It will try again.";
    }
    const trouble = diskTrouble[cause];
    return change === 'write'
      ? `Latchkey couldn't save your sign-in: ${trouble}; Latchkey will try again. Until then you'll need to sign in again after a restart.`
      : `You're signed out, but Latchkey couldn't remove your session from this computer: ${trouble}; Latchkey will try again.`;
  },
} as const;
