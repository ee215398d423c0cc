/** The sentences the vault gives the popover, kept as data so the UI only renders them. */
export const vaultMessages = {
  keyringUnavailable: "Your system keyring is unavailable, so you'll need to sign in again next time.",
  weakNotAllowed:
    'No system keyring was found, so your sign-in is kept only until Latchkey quits. Allow weaker encryption to stay signed in across restarts.',
  notSaved: "Latchkey couldn't save your sign-in to the system keyring just now. It will try again; until then you'll need to sign in again after a restart.",
  storeReset: (copyPath: string) =>
    `Latchkey's saved data was damaged, so it started fresh. The damaged file was kept at ${copyPath}.`,
} as const;
