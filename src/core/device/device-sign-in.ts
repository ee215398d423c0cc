import type { DeviceTrouble, QrView } from '../../contract/view';
import type { PendingSignIn, SignInEvent } from '../account/ports';
import type { ServerSources } from '../auth/server-directory';
import type { EndpointSource } from '../auth/server-discovery';
import type { Clock, Http, Logger, Random } from '../ports';
import { backoffDelay, unitRandom, type BackoffPolicy } from '../session/backoff';
import { NamedTimers } from '../session/named-timers';
import { checkSession } from '../session/session-client';
import { remainingByServer } from '../session/server-time';
import { noTrace, type Trace } from '../trace';
import { deviceAttemptSecretName, parseDeviceAttempt, serializeDeviceAttempt, type DeviceAttempt, type DeviceAttemptSecrets } from './device-attempt';
import { deviceMessages } from './device-messages';
import { qrModules } from './device-qr';
import { pollDeviceToken, requestDeviceCode, slowDownStepMs, type DevicePollResult, type NetworkReason } from './device-requests';

export interface DeviceSignInDeps {
  clientId: string;
  secrets: DeviceAttemptSecrets;
  http: Http;
  clock: Clock;
  random: Random;
  logger: Logger;
  discovery: EndpointSource;
  /** Other servers' endpoints, for attempts started with one. */
  servers?: ServerSources;
  /** Waits after failed polls; never shorter than the interval. @default 5 s doubling to 1 min */
  backoff?: BackoffPolicy;
  trace?: Trace;
}

/** What the device sign-in tells the account while it runs: offline and back, signed in, ended. */
export type DeviceEvent = SignInEvent;

export type DeviceStart = { ok: true; pending: PendingSignIn } | { ok: false; message: string };

/** What the popover shows for an attempt: the address with the code in it when the server gave one. */
const qrOf = (attempt: DeviceAttempt): Promise<QrView> => qrModules(attempt.verificationUriComplete ?? attempt.verificationUri);

const pollBackoff: BackoffPolicy = { baseMs: 5_000, capMs: 60_000 };

/**
 * Sign-in with another device (RFC 8628): asks the server for a code, shows it, and polls the
 * token endpoint exactly as §3.5 says: at `interval` after each answer and never sooner, 5 s more
 * after each `slow_down`, on through `authorization_pending`, until the code expires. Network
 * failures keep it polling with backoff and say the app is offline. The attempt is saved encrypted
 * before the code is shown, so a restart resumes it with the time that is left.
 */
export class DeviceSignIn {
  #attempt: DeviceAttempt | null = null;
  /** The attempt's address as a QR code, encoded once when the attempt is adopted. */
  #qr: QrView | null = null;
  #trouble: DeviceTrouble | null = null;
  #failures = 0;
  readonly #timers: NamedTimers<'poll' | 'expiry'>;
  readonly #listeners = new Set<(event: DeviceEvent) => void>();
  readonly #trace: Trace;

  constructor(private readonly deps: DeviceSignInDeps) {
    this.#timers = new NamedTimers(deps.clock);
    this.#trace = deps.trace ?? noTrace;
  }

  onEvent(listener: (event: DeviceEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  pending(): PendingSignIn | null {
    const attempt = this.#attempt;
    if (!attempt || !this.#qr) return null;
    return {
      expiresAt: attempt.expiresAt,
      via: 'device',
      device: {
        userCode: attempt.userCode,
        verificationUri: attempt.verificationUri,
        qr: this.#qr,
        trouble: this.#trouble,
      },
    };
  }

  /** Starts a new attempt; one under way is ended only once the new one has its code. */
  async start(options: { serverOrigin?: string } = {}): Promise<DeviceStart> {
    const { http, clientId, clock, logger } = this.deps;
    const discovery = this.#discoveryOf(options.serverOrigin);
    if (!discovery) return { ok: false, message: deviceMessages.cannotStart };
    const endpoints = discovery.cached() ?? (await discovery.endpoints());
    // Discovery that could not reach the server answers the known paths, without device sign-in.
    if (discovery.cached() === null) return { ok: false, message: deviceMessages.cannotStart };
    if (!endpoints.deviceAuthorization || !endpoints.deviceToken) {
      logger.log('info', 'The server offers no device sign-in', { source: endpoints.source });
      return { ok: false, message: deviceMessages.notOffered };
    }
    const result = await requestDeviceCode(http, endpoints.deviceAuthorization, clientId);
    if (result.kind !== 'code') {
      logger.log('warn', 'A device code could not be had', { result: result.kind, detail: 'reason' in result ? result.reason : result.error });
      if (result.kind === 'network') return { ok: false, message: deviceMessages.cannotStart };
      if (result.kind === 'refused') return { ok: false, message: deviceMessages.serverRefused(result.error) };
      return { ok: false, message: deviceMessages.malformedStart };
    }
    const { grant } = result;
    const now = clock.now();
    const attempt: DeviceAttempt = {
      deviceCode: grant.deviceCode,
      userCode: grant.userCode,
      verificationUri: grant.verificationUri,
      verificationUriComplete: grant.verificationUriComplete,
      intervalMs: grant.intervalMs,
      createdAt: now,
      expiresAt: now + grant.expiresInMs,
      ...(options.serverOrigin !== undefined ? { serverOrigin: options.serverOrigin } : {}),
    };
    const qr = await qrOf(attempt);
    await this.#end('replaced');
    if (!(await this.#save(attempt))) return { ok: false, message: deviceMessages.cannotSave };
    this.#adopt(attempt, qr);
    logger.log('info', 'Device sign-in started', { intervalMs: attempt.intervalMs, expiresInMs: grant.expiresInMs });
    return { ok: true, pending: this.pending()! };
  }

  /** The attempt saved before a restart, polled again with the time it has left. */
  async resume(): Promise<PendingSignIn | null> {
    if (this.#attempt) return this.pending();
    const read = await this.deps.secrets.readSecret(deviceAttemptSecretName);
    if (this.#attempt) return this.pending();
    if (read.kind !== 'value') {
      if (read.kind !== 'none') this.deps.logger.log('warn', 'The saved device sign-in cannot be read', { read: read.kind });
      return null;
    }
    const parsed = parseDeviceAttempt(read.value);
    if (!parsed.ok || this.deps.clock.now() >= parsed.attempt.expiresAt) {
      this.deps.logger.log('info', 'A saved device sign-in was discarded', { reason: parsed.ok ? 'expired' : parsed.reason });
      await this.#deleteSaved();
      return null;
    }
    const qr = await qrOf(parsed.attempt);
    // Another start or resume may have adopted an attempt while the encoder loaded.
    if (this.#attempt) return this.pending();
    this.#adopt(parsed.attempt, qr);
    this.deps.logger.log('info', 'Device sign-in resumed after a restart', { leftMs: parsed.attempt.expiresAt - this.deps.clock.now() });
    return this.pending();
  }

  async cancel(): Promise<void> {
    await this.#end('cancelled');
  }

  /** The app quits: polling stops and the saved attempt stays, for the next start to resume. */
  stop(): void {
    this.#attempt = null;
    this.#qr = null;
    this.#timers.clearAll();
  }

  /**
   * The first poll waits a whole interval too: nobody has approved within a second, and after a
   * restart the server may have been polled moments ago.
   */
  #adopt(attempt: DeviceAttempt, qr: QrView): void {
    this.#attempt = attempt;
    this.#qr = qr;
    this.#trouble = null;
    this.#failures = 0;
    const { clock } = this.deps;
    this.#timers.set('expiry', Math.max(0, attempt.expiresAt - clock.now()), () => void this.#expired(attempt));
    this.#timers.set('poll', attempt.intervalMs, () => void this.#poll(attempt));
  }

  async #poll(attempt: DeviceAttempt): Promise<void> {
    if (this.#attempt !== attempt) return;
    const { clock, http, clientId, logger } = this.deps;
    if (clock.now() >= attempt.expiresAt) return this.#expired(attempt);
    const discovery = this.#discoveryOf(attempt.serverOrigin);
    const endpoints = discovery ? (discovery.cached() ?? (await discovery.endpoints())) : null;
    const result = endpoints?.deviceToken
      ? await pollDeviceToken(http, endpoints.deviceToken, { clientId, deviceCode: attempt.deviceCode })
      : ({ kind: 'server', reason: 'malformed' } as const);
    // Cancelled or replaced while the request ran: its answer belongs to no one.
    if (this.#attempt !== attempt) {
      logger.log('info', 'A device poll answered after its attempt ended', { result: result.kind });
      return;
    }
    logger.log('debug', 'Device token polled', { result: result.kind, ...('reason' in result ? { reason: result.reason } : {}) });
    switch (result.kind) {
      case 'pending':
        return this.#waitAgain(attempt, null);
      case 'slowDown':
        await this.#slowDown(attempt);
        return this.#waitAgain(attempt, null);
      case 'network':
      case 'server':
        return this.#waitAgain(attempt, result.kind === 'server' ? 'server' : troubleOf(result.reason));
      case 'denied':
        return this.#finish(attempt, 'denied', deviceMessages.denied);
      case 'expired':
        return this.#finish(attempt, 'expired', deviceMessages.expired);
      case 'refused':
        return this.#finish(attempt, `refused ${result.error}`, deviceMessages.refused(result.error));
      case 'token':
        return this.#signedIn(attempt, result);
    }
  }

  /** §3.5: the next poll comes `interval` after this answer; after a failure, later still. */
  #waitAgain(attempt: DeviceAttempt, trouble: DeviceTrouble | null): void {
    this.#failures = trouble ? this.#failures + 1 : 0;
    const delay = trouble
      ? Math.max(attempt.intervalMs, backoffDelay(this.#failures - 1, this.deps.backoff ?? pollBackoff, unitRandom(this.deps.random)))
      : attempt.intervalMs;
    if (trouble !== this.#trouble) {
      this.#trouble = trouble;
      this.deps.logger.log(trouble ? 'warn' : 'info', trouble ? 'Device sign-in cannot reach the server' : 'Device sign-in reaches the server again', { trouble: trouble ?? 'none' });
      this.#emit({ kind: 'pending', pending: this.pending()! });
    }
    this.#timers.set('poll', delay, () => void this.#poll(attempt));
  }

  /** §3.5: "the interval MUST be increased by 5 seconds for this and all subsequent requests". */
  async #slowDown(attempt: DeviceAttempt): Promise<void> {
    attempt.intervalMs += slowDownStepMs;
    this.deps.logger.log('info', 'The server asked Latchkey to poll more slowly', { intervalMs: attempt.intervalMs });
    // Kept with the attempt, so a restart does not poll faster again.
    await this.#save(attempt);
  }

  async #signedIn(attempt: DeviceAttempt, result: Extract<DevicePollResult, { kind: 'token' }>): Promise<void> {
    this.#trace.mark('device token received');
    let { user, expiresAt } = result;
    let remainingMs = expiresAt === null ? 0 : remainingByServer({ expiresAt, expiresInMs: result.expiresInMs, date: result.date, localNow: this.deps.clock.now() });
    if (!user || expiresAt === null) {
      // BetterAuth's own /device/token answers the token alone: the session says whose it is.
      const discovery = this.#discoveryOf(attempt.serverOrigin);
      if (!discovery) return this.#finish(attempt, 'server unknown', deviceMessages.unfinished);
      const check = await checkSession(this.deps.http, discovery, result.token, undefined, () => this.deps.clock.now());
      if (this.#attempt !== attempt) return;
      if (check.kind !== 'valid') {
        this.deps.logger.log('warn', 'The device sign-in could not read its new session', { check: check.kind });
        return this.#finish(attempt, 'session unreadable', deviceMessages.unfinished);
      }
      user = check.profile;
      expiresAt = check.expiresAt;
      remainingMs = check.remainingMs;
    }
    this.deps.logger.log('info', 'Device sign-in approved', {});
    // Not awaited: the vault writes the end of the attempt together with the session saved next.
    void this.#end('signed in');
    const server = attempt.serverOrigin !== undefined ? { serverOrigin: attempt.serverOrigin } : {};
    this.#emit({ kind: 'step', step: { kind: 'signedIn', token: result.token, expiresAt, remainingMs, user, ...server } });
  }

  /** The configured server's endpoints, or those of the server the attempt was started with (null when unknown). */
  #discoveryOf(serverOrigin: string | undefined): EndpointSource | null {
    if (serverOrigin === undefined) return this.deps.discovery;
    return this.deps.servers?.discovery(serverOrigin) ?? null;
  }

  async #expired(attempt: DeviceAttempt): Promise<void> {
    if (this.#attempt !== attempt) return;
    await this.#finish(attempt, 'expired', deviceMessages.expired);
  }

  async #finish(attempt: DeviceAttempt, why: string, message: string): Promise<void> {
    if (this.#attempt !== attempt) return;
    this.deps.logger.log('info', 'Device sign-in ended', { why });
    await this.#end(why);
    this.#emit({ kind: 'step', step: { kind: 'ended', message } });
  }

  async #save(attempt: DeviceAttempt): Promise<boolean> {
    try {
      await this.deps.secrets.writeSecret(deviceAttemptSecretName, serializeDeviceAttempt(attempt));
      return true;
    } catch (error) {
      this.deps.logger.log('error', 'The device sign-in could not be saved', { error: error instanceof Error ? error.name : typeof error });
      return false;
    }
  }

  /** Ends the attempt in memory at once, then deletes the saved copy. */
  async #end(why: string): Promise<void> {
    const had = this.#attempt !== null;
    this.#attempt = null;
    this.#qr = null;
    this.#trouble = null;
    this.#timers.clearAll();
    if (had) this.deps.logger.log('debug', 'Device sign-in attempt ended', { why });
    // Deleted even when none is in memory: one saved while the keyring was locked at start must not come back.
    await this.#deleteSaved();
  }

  async #deleteSaved(): Promise<void> {
    try {
      await this.deps.secrets.deleteSecret(deviceAttemptSecretName);
    } catch (error) {
      this.deps.logger.log('warn', 'The saved device sign-in could not be deleted', { error: error instanceof Error ? error.name : typeof error });
    }
  }

  #emit(event: DeviceEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}

/** A refused certificate or a portal's redirect is not "offline": the user can do something else about it. */
function troubleOf(reason: NetworkReason): DeviceTrouble {
  return reason === 'tls' ? 'certificate' : reason === 'redirect' ? 'attention' : 'offline';
}
