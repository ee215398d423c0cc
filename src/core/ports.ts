/**
 * Everything the core needs from outside. Time, randomness, the network, storage and the OS reach
 * the core only through these, so the core runs in plain Node under test with fakes or real files.
 */

/** Wall-clock time and timers. Deadlines are computed from `now()`, never from chained delays. */
export interface Clock {
  now(): number;
  /**
   * Milliseconds on a clock that only moves forward and ignores changes to the wall clock (Node's
   * `performance.now()`). It measures time passing; on Linux and macOS it stands still while the
   * machine sleeps, which is why a resume is told to the core separately.
   */
  monotonic(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
}

export interface Random {
  bytes(length: number): Uint8Array;
}

/** The Linux backends Electron's safeStorage reports, plus what other OSes use. */
export type CipherBackend =
  | 'keychain'
  | 'dpapi'
  | 'gnome_libsecret'
  | 'kwallet'
  | 'kwallet5'
  | 'kwallet6'
  | 'basic_text'
  | 'unknown';

export interface Decrypted {
  text: string;
  /** The OS rotated its key: encrypt again and save. */
  shouldReEncrypt: boolean;
}

/**
 * OS-backed encryption (Electron's async safeStorage). Rejections carry a `CipherError` so the
 * vault can tell a locked keyring (try later) from data that can never be read.
 */
export interface Cipher {
  isAvailable(): Promise<boolean>;
  backend(): CipherBackend;
  encrypt(plainText: string): Promise<Uint8Array>;
  decrypt(encrypted: Uint8Array): Promise<Decrypted>;
}

export type CipherFailure = 'unavailable' | 'temporarily_unavailable' | 'undecryptable';

export class CipherError extends Error {
  constructor(
    readonly failure: CipherFailure,
    message: string,
  ) {
    super(message);
    this.name = 'CipherError';
  }
}

/** A persistent JSON key-value store (electron-store; conf writes atomically). */
export interface KeyValueStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Several changes as one atomic write; a value of `undefined` deletes its key. */
  update(changes: Readonly<Record<string, unknown>>): void;
  /** Where the data lives, for diagnostics. */
  readonly path: string;
}

/** The network, as the WHATWG fetch the main process has. */
export type Http = (input: string | URL, init?: RequestInit) => Promise<Response>;

/**
 * Why the Http port gave no answer, as far as the core needs to know: no connection, a
 * certificate that was refused, or a redirect it was told not to follow. Adapters translate their
 * platform's errors into these; anything else thrown counts as `network`.
 */
export type TransportFailure = 'network' | 'tls' | 'redirect';

export class TransportError extends Error {
  constructor(
    readonly failure: TransportFailure,
    message: string,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

/** The user's default browser. Never an embedded web view. */
export interface Browser {
  open(url: string): Promise<void>;
}

export interface NotificationRequest {
  title: string;
  body: string;
  /** Label of the one action button, e.g. "Renew". */
  action?: string;
}

export interface Notifier {
  isSupported(): boolean;
  /** Shows a notification; `onAction` runs for a click on it or its action button. */
  notify(request: NotificationRequest, onAction?: () => void): void;
}

export interface LoginItemStatus {
  supported: boolean;
  enabled: boolean;
  requiresApproval: boolean;
}

export interface LoginItems {
  read(): Promise<LoginItemStatus>;
  write(enabled: boolean): Promise<LoginItemStatus>;
  openSystemSettings(): Promise<void>;
  /** Whether this process was started by the OS at login. */
  wasOpenedAtLogin(): boolean;
}

export interface Clipboard {
  writeText(text: string): void;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Log lines never carry a token, a verifier or a code: callers pass only safe fields. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, string | number | boolean | null>): void;
}

export const silentLogger: Logger = { log() {} };

/**
 * The core's answer to a request on the loopback callback path: `accepted` when it carries the
 * pending attempt's state (the listener's work is done), `refused` for anything else (another
 * local process, a web page, a stale tab), which must not use the listener up.
 */
export type LoopbackVerdict = 'accepted' | 'refused';

/** A one-shot HTTP listener on 127.0.0.1 for the loopback redirect (RFC 8252 §7.3). */
export interface LoopbackServer {
  /**
   * Listens on 127.0.0.1 (`port` 0 picks a free one) for requests to `path` and asks `onCallback`
   * about each one's full URL. An accepted one gets a page that echoes nothing and closes the
   * listener; a refused one gets a 400 and changes nothing. It also closes after `timeoutMs` or
   * when `close()` is called. Rejects when the port cannot be bound.
   */
  listen(options: { port: number; path: string; timeoutMs: number; onCallback: (url: string) => LoopbackVerdict }): Promise<LoopbackListener>;
}

export interface LoopbackListener {
  readonly port: number;
  close(): void;
}
