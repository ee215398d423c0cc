/** Said in the popover's live region and written in the notification: one wording. */
function sessionEndsIn(leftMs: number): string {
  return `Your session ends in ${describeDuration(leftMs)}.`;
}

/** The sentences the account shows the user, in one place. */
export const messages = {
  sessionExpired: 'Session expired — sign in again.',
  expiredTitle: 'Your Latchkey session has ended',
  expiringSoonTitle: 'Your Latchkey session is ending soon',
  expiringSoonBody: (leftMs: number) => `${sessionEndsIn(leftMs)} Renew it to stay signed in.`,
  sessionEndsIn,
  sessionEndsSoon: 'Your session ends soon.',
  tokenLost: 'Latchkey could not read your saved sign-in (the system keyring was reset or replaced). Please sign in again.',
  serverUnreachable: 'The sign-in server cannot be reached right now.',
  signInTimedOut: 'Sign-in timed out.',
  signInCancelled: 'Sign-in cancelled.',
  noPendingSignIn: 'No sign-in is in progress.',
  exchangeRunning: 'Latchkey is already finishing this sign-in.',
} as const;

export function describeDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}
