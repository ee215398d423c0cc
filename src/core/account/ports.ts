import type { Profile } from './state';

/**
 * What the account needs from the vault and the sign-in flow. Narrow on purpose: the account
 * decides what happens to the user; the vault and the flow decide how.
 */
export type SecretRead =
  | { kind: 'value'; value: string }
  | { kind: 'none' }
  /** The keyring is locked or not yet up: the secret is kept, try again later. */
  | { kind: 'locked' }
  /** The secret can never be read (the keyring was reset); it was set aside. */
  | { kind: 'lost' };

/** Non-secret facts kept in plain form so the popover is right from the first frame. */
export interface CachedAccount {
  profile: Profile;
  expiresAt: number;
  lastConfirmedAt: number | null;
}

export interface TokenVault {
  readToken(): Promise<SecretRead>;
  writeToken(token: string): Promise<void>;
  deleteToken(): Promise<void>;
  readCachedAccount(): CachedAccount | null;
  writeCachedAccount(account: CachedAccount): void;
  clearCachedAccount(): void;
}

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  image: string | null;
}

/** How a step of the sign-in flow ended. */
export type SignInStep =
  | { kind: 'signedIn'; token: string; expiresAt: number; user: SignedInUser }
  /** Not for us (wrong state, none pending, malformed): nothing changes. The reason is for logs. */
  | { kind: 'ignored'; reason?: string }
  /** The attempt is over without a session; say why. */
  | { kind: 'ended'; message: string }
  /** This step failed but the attempt is still pending (e.g. a mistyped pasted code). */
  | { kind: 'failed'; message: string };

export interface PendingSignIn {
  expiresAt: number;
  via: 'scheme' | 'loopback';
}

export interface SignInPort {
  /** Starts a new attempt (replacing any other) and opens the browser. */
  start(via: 'scheme' | 'loopback'): Promise<{ ok: true; pending: PendingSignIn } | { ok: false; message: string }>;
  /** The attempt saved before a restart, if it is still within its time limit. */
  resume(): Promise<PendingSignIn | null>;
  receiveCallback(url: string): Promise<SignInStep>;
  submitCode(code: string): Promise<SignInStep>;
  cancel(): Promise<void>;
  /** Called once when the pending attempt runs out of time. */
  onTimeout(listener: () => void): void;
}
