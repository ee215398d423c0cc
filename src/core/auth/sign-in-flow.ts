import { timingSafeEqual } from 'node:crypto';
import { handoff, schemeRedirectUri } from '../../contract/handoff';
import type { PendingSignIn, SignInOptions, SignInPort, SignInStep } from '../account/ports';
import type { Browser, Clock, Http, Logger, LoopbackListener, LoopbackServer, Random } from '../ports';
import { noTrace, type Trace } from '../trace';
import { attemptSecretName, isExpired, parseAttempt, serializeAttempt, type AttemptSecrets, type PendingAttempt } from './attempt';
import { authorizeUrl } from './authorize-url';
import { callbackLogFields, parseCallback, type Callback } from './callback-url';
import { exchangeCode, type ExchangeResult } from './code-exchange';
import { exchangeLogFields, exchangeOutcome } from './exchange-outcome';
import { normalisePastedCode } from './pasted-code';
import { signInMessages } from './messages';
import { challengeOf, createState, createVerifier } from './pkce';
import type { ServerSources } from './server-directory';
import { knownPaths, type EndpointSource } from './server-discovery';

export interface SignInFlowDeps {
  serverOrigin: string;
  clientId: string;
  /** The custom scheme in use: the production one, or the development one in development. */
  scheme: string;
  /** config.signInLifetimeMs. */
  lifetimeMs: number;
  secrets: AttemptSecrets;
  http: Http;
  browser: Browser;
  clock: Clock;
  random: Random;
  logger: Logger;
  /** Absent when the loopback fallback is turned off. */
  loopback?: LoopbackServer;
  trace?: Trace;
  /** The server's discovered endpoints. @default the known paths on serverOrigin */
  discovery?: EndpointSource;
  /** Other servers' endpoints, for attempts started with one. @default their known paths */
  servers?: ServerSources;
}

/** `ignored` carries a reason for the log; the account treats it like any ignored step. */
export type FlowStep = Exclude<SignInStep, { kind: 'ignored' }> | { kind: 'ignored'; reason: string };

const loopbackOrigin = 'http://127.0.0.1:';
const pastedCodePattern = /^[A-Za-z0-9._~-]{8,512}$/u;

/**
 * Owns the pending sign-in attempt from the browser opening to the exchange: one attempt at a
 * time, saved encrypted before the browser opens, resumed after a restart, ended by success,
 * refusal, cancel or its time limit. It returns the session to the caller and never stores it.
 */
export class SignInFlow implements SignInPort {
  #attempt: PendingAttempt | null = null;
  /** Set while an exchange runs, so a second delivery of the same callback cannot race it. */
  #exchanging: PendingAttempt | null = null;
  #cancelTimer: (() => void) | null = null;
  #listener: LoopbackListener | null = null;
  readonly #timeoutListeners = new Set<() => void>();
  readonly #loopbackListeners = new Set<(url: string) => void>();

  readonly #trace: Trace;

  constructor(private readonly deps: SignInFlowDeps) {
    this.#trace = deps.trace ?? noTrace;
  }

  onTimeout(listener: () => void): void {
    this.#timeoutListeners.add(listener);
  }

  /** The loopback listener's request; the caller routes it to `receiveCallback` through the account. */
  onLoopbackCallback(listener: (url: string) => void): void {
    this.#loopbackListeners.add(listener);
  }

  /** The attempt in progress, without its secrets. */
  pending(): PendingSignIn | null {
    return this.#attempt && { expiresAt: this.#attempt.expiresAt, via: this.#attempt.via };
  }

  /**
   * Starts a new attempt. The one under way is ended only once the new one can go ahead (a
   * loopback port is bound), so a failed switch leaves a sign-in about to finish alone.
   */
  async start(via: 'scheme' | 'loopback', options: SignInOptions = {}): Promise<{ ok: true; pending: PendingSignIn } | { ok: false; message: string }> {
    const { clock, random, lifetimeMs } = this.deps;
    let redirectUri = schemeRedirectUri(this.deps.scheme);
    let listener: LoopbackListener | null = null;
    if (via === 'loopback') {
      listener = await this.#bind(0);
      if (!listener) return { ok: false, message: signInMessages.loopbackUnavailable };
      redirectUri = `http://127.0.0.1:${listener.port}${handoff.callbackPath}`;
    }
    await this.#end('replaced');
    this.#listener = listener;
    const now = clock.now();
    const server = options.serverOrigin !== undefined && options.serverOrigin !== this.deps.serverOrigin ? { serverOrigin: options.serverOrigin } : {};
    const attempt: PendingAttempt = { state: createState(random), verifier: createVerifier(random), redirectUri, via, createdAt: now, expiresAt: now + lifetimeMs, ...server };
    try {
      await this.deps.secrets.writeSecret(attemptSecretName, serializeAttempt(attempt));
    } catch (error) {
      this.deps.logger.log('error', 'The sign-in attempt could not be saved', { error: errorName(error) });
      this.#closeListener();
      return { ok: false, message: signInMessages.cannotSave };
    }
    this.#adopt(attempt);
    const endpoints = this.#endpoints(attempt);
    const url = authorizeUrl({
      serverOrigin: this.#serverOf(attempt),
      authorizationEndpoint: (endpoints.cached() ?? (await endpoints.endpoints())).authorization,
      clientId: this.deps.clientId,
      redirectUri,
      state: attempt.state,
      codeChallenge: challengeOf(attempt.verifier),
      ...(options.prompt ? { prompt: options.prompt } : {}),
      ...(options.loginHint ? { loginHint: options.loginHint } : {}),
    });
    try {
      await this.deps.browser.open(url);
    } catch (error) {
      this.deps.logger.log('error', 'The browser could not be opened', { error: errorName(error) });
      await this.#end('browser failed');
      return { ok: false, message: signInMessages.cannotOpenBrowser };
    }
    this.deps.logger.log('info', 'Sign-in started', { via, server: attempt.serverOrigin ? 'another' : 'configured' });
    return { ok: true, pending: { expiresAt: attempt.expiresAt, via } };
  }

  async resume(): Promise<PendingSignIn | null> {
    if (this.#attempt) return this.pending();
    const read = await this.deps.secrets.readSecret(attemptSecretName);
    if (this.#attempt) return this.pending();
    if (read.kind !== 'value') {
      if (read.kind !== 'none') this.deps.logger.log('warn', 'The saved sign-in attempt cannot be read', { read: read.kind });
      return null;
    }
    const parsed = parseAttempt(read.value);
    if (!parsed.ok || isExpired(parsed.attempt, this.deps.clock.now())) {
      this.deps.logger.log('info', 'A saved sign-in attempt was discarded', { reason: parsed.ok ? 'expired' : parsed.reason });
      await this.#deleteSaved();
      return null;
    }
    const { attempt } = parsed;
    const port = loopbackPortOf(attempt);
    // Best effort: the same port lets the browser's redirect still land; pasting works either way.
    if (port !== null) this.#listener = await this.#bind(port);
    this.#adopt(attempt);
    this.deps.logger.log('info', 'Sign-in resumed after a restart', { via: attempt.via });
    return this.pending();
  }

  async receiveCallback(url: string): Promise<FlowStep> {
    // The keyring may have been locked when the app started: look for a saved attempt again.
    if (!this.#attempt) await this.resume();
    const attempt = this.#attempt;
    // RFC 9207: the callback must name the server this attempt was started with, and no other.
    const endpoints = this.#endpoints(attempt);
    const { issuer, issRequired } = endpoints.cached() ?? (await endpoints.endpoints());
    const parse = parseCallback(url, { scheme: this.deps.scheme, loopbackPort: attempt ? loopbackPortOf(attempt) : null, issuer: { issuer, required: issRequired } });
    if (!parse.ok) return this.#ignore('malformed callback', callbackLogFields(parse));
    if (!attempt) return this.#ignore('no sign-in pending', callbackLogFields(parse));
    const { callback } = parse;
    if (callback.redirectUri !== attempt.redirectUri) return this.#ignore('callback for another redirect', callbackLogFields(parse));
    if (callback.state === null || !sameText(callback.state, attempt.state)) return this.#ignore('state does not match', callbackLogFields(parse));
    if (this.#exchanging === attempt) return this.#ignore('callback already being exchanged', callbackLogFields(parse));
    if (isExpired(attempt, this.deps.clock.now())) return this.#timedOut(attempt);
    this.#trace.mark('callback parsed');
    return callback.kind === 'error' ? this.#browserError(callback) : this.#exchange(attempt, callback.code, 'callback');
  }

  async submitCode(pasted: string): Promise<FlowStep> {
    const text = typeof pasted === 'string' ? pasted.trim() : '';
    // Someone may paste the whole "Return to Latchkey" link: it gets the callback's checks.
    if (text.toLowerCase().startsWith(`${this.deps.scheme}:`) || text.startsWith(loopbackOrigin)) {
      const step = await this.receiveCallback(text);
      return step.kind === 'ignored' ? { kind: 'failed', message: signInMessages.pastedCodeMalformed } : step;
    }
    const attempt = this.#attempt;
    if (!attempt) return { kind: 'failed', message: signInMessages.noPendingSignIn };
    const code = normalisePastedCode(text);
    if (!pastedCodePattern.test(code)) return { kind: 'failed', message: signInMessages.pastedCodeMalformed };
    if (this.#exchanging === attempt) return { kind: 'ignored', reason: 'an exchange is already running' };
    if (isExpired(attempt, this.deps.clock.now())) return this.#timedOut(attempt);
    return this.#exchange(attempt, code, 'paste');
  }

  async cancel(): Promise<void> {
    await this.#end('cancelled');
  }

  /**
   * The app stops: the loopback listener's port and the expiry timer go with it, so nothing of
   * this run answers the browser or fires later. The saved attempt stays for the next start.
   */
  stop(): void {
    this.#attempt = null;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#closeListener();
  }

  async #exchange(attempt: PendingAttempt, code: string, source: 'callback' | 'paste'): Promise<FlowStep> {
    this.#exchanging = attempt;
    let result: ExchangeResult;
    try {
      result = await exchangeCode(this.deps.http, {
        serverOrigin: this.#serverOf(attempt),
        endpoints: this.#endpoints(attempt),
        clientId: this.deps.clientId,
        code,
        verifier: attempt.verifier,
        redirectUri: attempt.redirectUri,
      }, undefined, () => this.deps.clock.now());
    } finally {
      if (this.#exchanging === attempt) this.#exchanging = null;
    }
    this.#trace.mark('exchange answered');
    // Cancelled or replaced while the request ran: its result belongs to no one.
    if (this.#attempt !== attempt) return this.#ignore('the attempt ended during the exchange', { source });
    this.deps.logger.log(result.kind === 'token' ? 'info' : 'warn', 'Code exchange finished', { source, ...exchangeLogFields(result) });
    const outcome = exchangeOutcome(result, source);
    // A session in hand is what the user waits for: the saved attempt is deleted without holding
    // it up, and the vault writes that deletion together with the session the caller saves next.
    if (result.kind === 'token') void this.#end(result.kind);
    else if (outcome.endsAttempt) await this.#end(result.kind);
    const { step } = outcome;
    return step.kind === 'signedIn' && attempt.serverOrigin ? { ...step, serverOrigin: attempt.serverOrigin } : step;
  }

  async #browserError(callback: Extract<Callback, { kind: 'error' }>): Promise<FlowStep> {
    this.deps.logger.log('info', 'The browser reported an error', { error: callback.error });
    await this.#end(`browser error ${callback.error}`);
    return {
      kind: 'ended',
      message: callback.error === 'access_denied' ? signInMessages.cancelledInBrowser : signInMessages.refusedByServer(callback.error),
    };
  }

  async #timedOut(attempt: PendingAttempt): Promise<FlowStep> {
    if (this.#attempt === attempt) await this.#end('timed out');
    return { kind: 'ended', message: signInMessages.timedOut };
  }

  /** The server an attempt belongs to; with none pending, the configured one. */
  #serverOf(attempt: PendingAttempt | null): string {
    return attempt?.serverOrigin ?? this.deps.serverOrigin;
  }

  #endpoints(attempt: PendingAttempt | null): EndpointSource {
    const origin = this.#serverOf(attempt);
    if (origin === this.deps.serverOrigin) return this.deps.discovery ?? knownPaths(origin);
    return this.deps.servers?.discovery(origin) ?? knownPaths(origin);
  }

  #ignore(reason: string, fields: Record<string, string | boolean>): FlowStep {
    this.deps.logger.log('warn', 'A sign-in callback was ignored', { reason, ...fields });
    return { kind: 'ignored', reason };
  }

  #adopt(attempt: PendingAttempt): void {
    this.#attempt = attempt;
    this.#cancelTimer?.();
    this.#cancelTimer = this.deps.clock.setTimeout(() => void this.#expire(attempt), Math.max(0, attempt.expiresAt - this.deps.clock.now()));
  }

  async #expire(attempt: PendingAttempt): Promise<void> {
    if (this.#attempt !== attempt) return;
    this.#cancelTimer = null;
    await this.#end('timed out');
    this.deps.logger.log('info', 'Sign-in timed out', { via: attempt.via });
    for (const listener of this.#timeoutListeners) listener();
  }

  /** Ends the attempt in memory at once (so nothing else can use it), then deletes the saved copy. */
  async #end(why: string): Promise<void> {
    const had = this.#attempt !== null;
    this.#attempt = null;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#closeListener();
    if (had) this.deps.logger.log('debug', 'Sign-in attempt ended', { why });
    await this.#deleteSaved();
  }

  async #deleteSaved(): Promise<void> {
    try {
      await this.deps.secrets.deleteSecret(attemptSecretName);
    } catch (error) {
      this.deps.logger.log('warn', 'The saved sign-in attempt could not be deleted', { error: errorName(error) });
    }
  }

  async #bind(port: number): Promise<LoopbackListener | null> {
    const loopback = this.deps.loopback;
    if (!loopback) return null;
    try {
      return await loopback.listen({
        port,
        path: handoff.callbackPath,
        timeoutMs: this.deps.lifetimeMs,
        onCallback: (url) => {
          const stray = this.#strayReason(url);
          if (stray) {
            // Another local process or a web page got there first: refused, and the listener stays for the browser.
            this.deps.logger.log('warn', 'A stray request to the loopback listener was refused', { reason: stray });
            return 'refused';
          }
          for (const listener of this.#loopbackListeners) listener(url);
          return 'accepted';
        },
      });
    } catch (error) {
      this.deps.logger.log('warn', 'The loopback listener could not start', { port, error: errorName(error) });
      return null;
    }
  }

  /**
   * Why a request on the loopback path is not the pending attempt's redirect, or null when it is.
   * Only the state is checked here, which only the browser that ran the sign-in can know; the
   * callback's other checks run when it is received.
   */
  #strayReason(url: string): string | null {
    const attempt = this.#attempt;
    if (!attempt || attempt.via !== 'loopback') return 'no loopback sign-in pending';
    const parsed = URL.parse(url);
    if (!parsed || `${parsed.origin}${parsed.pathname}` !== attempt.redirectUri) return 'another address';
    const states = parsed.searchParams.getAll('state');
    if (states.length !== 1 || !sameText(states[0]!, attempt.state)) return 'state does not match';
    return null;
  }

  #closeListener(): void {
    this.#listener?.close();
    this.#listener = null;
  }
}

function loopbackPortOf(attempt: PendingAttempt): number | null {
  if (attempt.via !== 'loopback') return null;
  const match = /^http:\/\/127\.0\.0\.1:(\d{1,5})\/auth\/callback$/u.exec(attempt.redirectUri);
  const port = match ? Number(match[1]) : 0;
  return port > 0 && port < 65_536 ? port : null;
}

/** Compares secrets without leaking, through timing, how much of them matched. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
