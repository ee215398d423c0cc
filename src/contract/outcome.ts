/**
 * Expected failures cross IPC as values with a code; the popover turns the code into a sentence.
 * Misuse (a bad payload, a foreign sender) is refused before any handler runs.
 */
export const failureCodes = [
  'invalid_request',
  'no_pending_sign_in',
  'sign_in_in_progress',
  'exchange_rejected',
  'network_unavailable',
  'server_error',
  'keyring_unavailable',
  'not_supported',
  'shortcut_taken',
  'account_limit',
  'unknown_account',
  'invalid_server_address',
  'not_a_latchkey_server',
  'unexpected',
] as const;

export type FailureCode = (typeof failureCodes)[number];

export type Outcome = { ok: true } | { ok: false; code: FailureCode; message: string };

export const done: Outcome = { ok: true };

export function failed(code: FailureCode, message: string): Outcome {
  return { ok: false, code, message };
}
