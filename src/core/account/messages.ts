import type { Trouble } from '../session/server-answer';
import type { Notice } from './state';
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

/**
 * What stood between Latchkey and the server, in the user's words. `network` needs no sentence:
 * the popover already says "Offline". The session is kept in every case.
 */
export const troubleNotices: Record<Exclude<Trouble, 'network'>, Notice> = {
  timeout: { tone: 'warning', text: 'The sign-in server is not answering. Latchkey keeps your session and tries again.' },
  tls: {
    tone: 'error',
    text: "The sign-in server's certificate is not trusted (expired, or replaced by a network that inspects traffic). Check the date and time, or ask whoever runs this network. Your session is kept.",
  },
  attention: {
    tone: 'warning',
    text: 'The network needs attention: something answered instead of the sign-in server, such as a Wi-Fi sign-in page or a proxy. Open your browser to finish connecting. Your session is kept.',
  },
  server: { tone: 'warning', text: 'The sign-in server is having trouble. Latchkey keeps your session and tries again.' },
};

export function describeDuration(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return hours === 1 ? '1 hour' : `${hours} hours`;
  return `${Math.round(hours / 24)} days`;
}
