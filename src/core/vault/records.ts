import { z } from 'zod';
import { savedServerOrigin } from '../config';
import type { CipherBackend } from '../ports';
import type { CachedAccount } from '../account/ports';

/** How many accounts the vault keeps at once; each has a numbered slot. */
export const accountSlotCount = 10;
export type AccountSlot = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
export const accountSlots: readonly AccountSlot[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

type OtherSlot = Exclude<AccountSlot, 0>;
/** An account's session token. Slot 0 keeps the single-account name, so a store from before several accounts opens unchanged. */
export type TokenSecretName = 'token' | `token-${OtherSlot}`;

/** The secrets the vault keeps. The sign-in flows store their pending attempts as JSON text. */
export type SecretName = TokenSecretName | 'attempt' | 'deviceAttempt';

export function tokenSecretOf(slot: AccountSlot): TokenSecretName {
  return slot === 0 ? 'token' : `token-${slot}`;
}

export const secretNames: readonly SecretName[] = [...accountSlots.map(tokenSecretOf), 'attempt', 'deviceAttempt'];

export function assertSecretName(name: unknown): asserts name is SecretName {
  if (!secretNames.includes(name as SecretName)) {
    throw new TypeError(`The vault keeps only 'token' (and 'token-1' to 'token-9' for other accounts), 'attempt', 'deviceAttempt'; got ${JSON.stringify(name)}.`);
  }
}

/** Keys in the store. No dots, so they mean the same with or without dot-path access. */
export const storeKeys = {
  secret: (name: SecretName) => `secret:${name}`,
  setAside: (name: SecretName) => `setAside:${name}`,
  account: 'account',
  /** An account's cached profile; slot 0 is the single-account key. */
  cachedAccount: (slot: AccountSlot) => (slot === 0 ? 'account' : `account-${slot}`),
  /** Which account the tray shows and `authenticatedFetch` uses by default. */
  activeAccount: 'activeAccount',
  weakAllowed: 'weakAllowed',
} as const;

/** An encrypted secret at rest: only ciphertext, plus the backend that made it. */
export interface SecretRecord {
  version: 1;
  backend: CipherBackend;
  /** base64 of what safeStorage returned. */
  data: string;
}

const backends = ['keychain', 'dpapi', 'gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6', 'basic_text', 'unknown'] as const;

const secretRecordSchema = z.object({
  version: z.literal(1),
  backend: z.enum(backends),
  data: z.string().min(1).regex(/^[A-Za-z0-9+/]+={0,2}$/u),
});

export function encodeSecret(encrypted: Uint8Array, backend: CipherBackend): SecretRecord {
  return { version: 1, backend, data: Buffer.from(encrypted).toString('base64') };
}

/** The record, or null when what the store holds is not one (hand-edited, or from elsewhere). */
export function decodeSecret(raw: unknown): SecretRecord | null {
  const parsed = secretRecordSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

export function ciphertextOf(record: SecretRecord): Uint8Array {
  return new Uint8Array(Buffer.from(record.data, 'base64'));
}

const cachedAccountSchema = z.object({
  profile: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string(),
    // Whether an avatar URL may be shown is the view's call; the cache keeps what the server sent.
    image: z.string().nullable(),
  }),
  expiresAt: z.number().finite(),
  lastConfirmedAt: z.number().finite().nullable(),
  // Absent in a store from before several accounts: the configured server then. This record is
  // plain on disk and the account's token goes to this server, so only a secure origin is read.
  serverOrigin: savedServerOrigin.optional(),
});

/** The cached account, or null when the store holds nothing usable under that key. */
export function decodeCachedAccount(raw: unknown): CachedAccount | null {
  const parsed = cachedAccountSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** Refuses a cached account the popover could not show, with the field that is wrong. */
export function checkCachedAccount(account: CachedAccount): CachedAccount {
  const parsed = cachedAccountSchema.safeParse(account);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new TypeError(`The cached account is not valid at ${issue?.path.join('.') || 'its root'}: ${issue?.message ?? 'unknown problem'}.`);
  }
  return parsed.data;
}
