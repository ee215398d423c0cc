/** The sentences about several accounts, in one place. */
export const accountMessages = {
  limitReached: (limit: number) => `Latchkey holds up to ${limit} accounts. Sign out of one to add another.`,
  unknownAccount: 'That account is no longer signed in here.',
  finishAddingFirst: 'Finish or cancel adding the other account first.',
  replacedByAnother: 'Sign-in cancelled: another account started signing in.',
  alreadyHere: (email: string) => `${email} was already signed in here; that account was refreshed.`,
  addedBeside: (email: string) => `Signed in as ${email}, added as another account.`,
} as const;
