import { product } from '../../contract/product';
import type { FailureCode, Outcome } from '../../contract/outcome';

/** What each failure means to the user, for when main sent a code without a sentence. */
const sentences: Record<FailureCode, string> = {
  invalid_request: `${product.productName} could not understand that request.`,
  no_pending_sign_in: 'There is no sign-in waiting. Start again with "Sign in with browser".',
  sign_in_in_progress: 'A sign-in is already waiting for your browser.',
  exchange_rejected: 'The server did not accept that sign-in. Try signing in again.',
  network_unavailable: `${product.productName} could not reach the server. Check your connection and try again.`,
  server_error: 'The server had a problem. Try again in a moment.',
  keyring_unavailable: 'Your system keyring is not available right now.',
  not_supported: 'That is not available on this system.',
  shortcut_taken: 'Another app already uses that shortcut. Choose another one.',
  account_limit: `${product.productName} holds up to 10 accounts. Sign out of one to add another.`,
  unknown_account: 'That account is no longer signed in here.',
  invalid_server_address: 'That is not a server address. Type one such as auth.example.com.',
  not_a_latchkey_server: `That server is not one ${product.productName} can sign in to.`,
  unexpected: 'Something went wrong. Try again.',
};

/** The sentence to show for a failed outcome. */
export function failureSentence(outcome: Extract<Outcome, { ok: false }>): string {
  const message = outcome.message.trim();
  return message.length > 0 ? message : (sentences[outcome.code] ?? sentences.unexpected);
}

/** When the call itself failed (main gone, IPC refused), not the command. */
export const noAnswer = `${product.productName} did not answer. Try again, or quit and reopen it.`;
