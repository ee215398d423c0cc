import type { DeviceTrouble, QrView } from '../../contract/view';
import type { EndpointSource } from '../auth/server-discovery';
import type { LatchkeyConfig } from '../config';
import type { Clock, Http, Logger, Notifier, Random } from '../ports';
import type { BackoffPolicy } from '../session/backoff';
import type { Trace } from '../trace';
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
  /** The server the account belongs to; absent in a store written before several accounts. */
  serverOrigin?: string;
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
  /**
   * `remainingMs`: the session's time left by the server's clock when its answer arrived.
   * `serverOrigin`: the server that issued it, when not the configured one.
   */
  | { kind: 'signedIn'; token: string; expiresAt: number; remainingMs: number; user: SignedInUser; serverOrigin?: string }
  /** Not for us (wrong state, none pending, malformed): nothing changes. The reason is for logs. */
  | { kind: 'ignored'; reason?: string }
  /** The attempt is over without a session; say why. */
  | { kind: 'ended'; message: string }
  /** This step failed but the attempt is still pending (e.g. a mistyped pasted code). */
  | { kind: 'failed'; message: string };

/** How a sign-in comes back: a deep link, a loopback redirect, or another device's approval (RFC 8628). */
export type SignInVia = 'scheme' | 'loopback' | 'device';

/** What a device sign-in shows while it waits: never its device code, which stays in the vault. */
export interface DevicePending {
  /** The code to type on the other device, as the server issued it. */
  userCode: string;
  /** The address to type (RFC 8628 §3.2 `verification_uri`). */
  verificationUri: string;
  /** The QR code of `verification_uri_complete` (or of the address when there is none). */
  qr: QrView;
  /** Why the last poll failed (see `DeviceTrouble`), or null when it did not. */
  trouble: DeviceTrouble | null;
}

export interface PendingSignIn {
  expiresAt: number;
  via: SignInVia;
  device?: DevicePending;
}

/** Something the sign-in did on its own, between intents: a device approved or ended, or went offline. */
export type SignInEvent =
  | { kind: 'pending'; pending: PendingSignIn }
  | { kind: 'step'; step: Extract<SignInStep, { kind: 'signedIn' | 'ended' }> };

/**
 * OpenID Connect's `prompt` (Core §3.1.2.1): `select_account` when adding an account, so the
 * browser's session is not silently reused for the person already signed in.
 */
export interface SignInOptions {
  prompt?: 'select_account' | 'login';
  /** OpenID Connect Core §3.1.2.1: the email of the account being renewed, so its page asks for that person. */
  loginHint?: string;
  /** Another server than the configured one: the attempt is bound to it (RFC 9207). */
  serverOrigin?: string;
}

export interface SignInPort {
  /**
   * Starts a new attempt, replacing any other once it has started: `replaced` is the sentence
   * saying which one was cancelled for it. When it cannot start, the attempt under way is kept.
   * The browser ways open the browser; the device way shows a code.
   */
  start(via: SignInVia, options?: SignInOptions): Promise<{ ok: true; pending: PendingSignIn; replaced?: string } | { ok: false; message: string }>;
  /** The attempt saved before a restart, if it is still within its time limit. */
  resume(): Promise<PendingSignIn | null>;
  /** The attempt under way now, if any. */
  pending(): PendingSignIn | null;
  receiveCallback(url: string): Promise<SignInStep>;
  submitCode(code: string): Promise<SignInStep>;
  cancel(): Promise<void>;
  /** Called once when the pending attempt runs out of time. */
  onTimeout(listener: () => void): void;
  /** Steps that arrive on their own (a device sign-in's polling). */
  onEvent?(listener: (event: SignInEvent) => void): void;
}

/** Everything the account state machine is given. */
export interface AccountDeps {
  clock: Clock;
  random: Random;
  logger: Logger;
  http: Http;
  notifier: Notifier;
  vault: TokenVault;
  signIn: SignInPort;
  config: LatchkeyConfig;
  serverOrigin: string;
  /** The server's discovered endpoints. @default the known paths on serverOrigin */
  discovery?: EndpointSource;
  backoff?: BackoffPolicy;
  trace?: Trace;
  /**
   * How long to wait before asking the server (at start, on wake, on popover open), so several
   * accounts do not all ask in the same millisecond. @default no wait
   */
  checkDelay?: () => number;
}
