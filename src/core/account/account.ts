import type { Outcome } from '../../contract/outcome';
import { done, failed } from '../../contract/outcome';
import { backoffDelay, defaultBackoff, unitRandom } from '../session/backoff';
import { expiryPhase, recheckDelay } from '../session/expiry';
import { ExpiryAnnouncer } from './expiry-announcer';
import { checkSession, revokeSession } from '../session/session-client';
import { NamedTimers } from '../session/named-timers';
import { singleFlight } from '../session/single-flight';
import { messages } from './messages';
import type { AccountDeps, CachedAccount, SignInStep, SignInVia } from './ports';
import type { AccountState, Profile } from './state';
import { sessionState, signingInState, stateWithoutToken } from './account-states';
import { profileOf } from './state';
import { noTrace, type Trace } from '../trace';

export type { AccountDeps };

type Listener = (state: AccountState) => void;

/** Expiry is rechecked at least this often, so a sleep or a clock change is noticed. */
const expiryRecheckCapMs = 60_000;
/** Opening the popover revalidates, but not more often than this. */
const popoverRevalidateMinGapMs = 30_000;

/**
 * The account state machine. Every intent (popover, tray, OS events, timers) arrives here and
 * every change of what the user sees is a transition here; listeners render each new state.
 */
export class Account {
  #state: AccountState = { kind: 'starting', profile: null };
  #token: string | null = null;
  #cached: CachedAccount | null = null;
  #lastCheckAt = -Infinity;
  #retries = 0;
  /** The last check could not reach the server. */
  #offline = false;
  readonly #listeners = new Set<Listener>();
  readonly #announcer: ExpiryAnnouncer;
  readonly #timers: NamedTimers<'expiry' | 'retry' | 'periodic'>;
  readonly revalidate: () => Promise<boolean>;
  readonly #trace: Trace;

  constructor(private readonly deps: AccountDeps) {
    this.#trace = deps.trace ?? noTrace;
    this.#timers = new NamedTimers(deps.clock);
    this.#announcer = new ExpiryAnnouncer(deps.notifier, () => void this.signIn());
    this.revalidate = singleFlight(() => this.#revalidate());
    deps.signIn.onTimeout(() => this.#signInEnded(messages.signInTimedOut));
    deps.signIn.onEvent?.((event) => {
      if (event.kind === 'step') void this.#applyStep(event.step);
      else if (this.#state.kind === 'signingIn') this.#transition(signingInState(event.pending, this.#state.profile, this.#state.notice));
    });
  }

  get state(): AccountState {
    return this.#state;
  }

  /** The token for authenticated requests; never leaves the main process. */
  get token(): string | null {
    return this.#token;
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #transition(next: AccountState): void {
    this.#state = next;
    this.#trace.mark('state changed');
    for (const listener of this.#listeners) listener(next);
  }

  /** At start: the cached profile at once, then the vault, then the server. */
  async start(): Promise<void> {
    this.#cached = this.deps.vault.readCachedAccount();
    this.#transition({ kind: 'starting', profile: this.#cached?.profile ?? null });
    const pending = await this.deps.signIn.resume();
    if (await this.#loadToken()) await this.revalidate();
    if (pending && !this.#token) this.#transition(signingInState(pending, this.#cached?.profile ?? null, null));
  }

  /** Reads the token from the vault; true when there is one to check with the server. */
  async #loadToken(): Promise<boolean> {
    const read = await this.deps.vault.readToken();
    this.#trace.mark('token decrypted');
    if (read.kind === 'value') {
      this.#token = read.value;
      return true;
    }
    if (read.kind === 'lost') {
      this.deps.vault.clearCachedAccount();
      this.#cached = null;
    }
    this.#transition(stateWithoutToken(read.kind, this.#cached));
    return false;
  }

  async #revalidate(): Promise<boolean> {
    if (!this.#token && !(this.#state.kind === 'keyringLocked' && (await this.#loadToken()))) return false;
    const token = this.#token!;
    this.#lastCheckAt = this.deps.clock.now();
    const check = await checkSession(this.deps.http, this.deps.discovery ?? this.deps.serverOrigin, token);
    if (this.#token !== token) return this.#token !== null;
    switch (check.kind) {
      case 'valid':
        this.#retries = 0;
        this.#offline = false;
        this.#timers.clear('retry');
        this.#confirmed(check.profile, check.expiresAt);
        return true;
      case 'invalid':
        this.deps.logger.log('info', 'The server no longer knows the session');
        await this.#expire();
        return false;
      case 'unreachable':
        this.deps.logger.log('warn', 'The auth server could not be reached', { reason: check.reason });
        this.#goOffline();
        return true;
    }
  }

  #confirmed(profile: Profile, expiresAt: number): void {
    this.#remember(profile, expiresAt);
    this.#schedulePeriodic();
    this.#evaluateExpiry();
  }

  #remember(profile: Profile, expiresAt: number): void {
    this.#cached = { profile, expiresAt, lastConfirmedAt: this.deps.clock.now() };
    this.deps.vault.writeCachedAccount(this.#cached);
  }

  #goOffline(): void {
    const cached = this.#cached;
    if (!cached) {
      this.#transition({ kind: 'signedOut', notice: { tone: 'warning', text: messages.serverUnreachable } });
      return;
    }
    this.#offline = true;
    const delay = backoffDelay(this.#retries++, this.deps.backoff ?? defaultBackoff, unitRandom(this.deps.random));
    this.#timers.set('retry', delay, () => void this.revalidate());
    this.#evaluateExpiry();
  }

  /**
   * Puts the state in line with the wall clock, notifies once per threshold, and re-arms. A
   * renewal in progress stays on screen unless this evaluation is the one that ends it.
   */
  #evaluateExpiry(endsSignIn = false): void {
    const cached = this.#cached;
    if (!cached || !this.#token) return;
    const now = this.deps.clock.now();
    const thresholds = this.deps.config.expiryNoticeThresholds;
    const phase = expiryPhase(now, cached.expiresAt, thresholds);
    if (phase.kind === 'expired') {
      void this.#expire();
      return;
    }
    if (this.#state.kind !== 'signingIn' || endsSignIn) this.#transition(sessionState(cached, phase, this.#offline, now));
    this.#announcer.endingSoon(now, cached.expiresAt, thresholds);
    this.#timers.set('expiry', recheckDelay(now, cached.expiresAt, thresholds, expiryRecheckCapMs), () => this.#evaluateExpiry());
  }

  async #expire(): Promise<void> {
    if (!this.#token) return;
    this.#token = null;
    this.#offline = false;
    this.#timers.clearAll();
    await this.deps.vault.deleteToken();
    const profile = this.#cached?.profile ?? null;
    this.#transition({ kind: 'expired', profile, notice: { tone: 'warning', text: messages.sessionExpired } });
    this.#announcer.ended(this.deps.clock.now(), this.#cached?.expiresAt ?? 0);
  }

  async signIn(via: SignInVia = 'scheme'): Promise<Outcome> {
    const before = this.#state;
    const started = await this.deps.signIn.start(via);
    if (!started.ok) {
      this.#transition(before.kind === 'signingIn' ? { kind: 'signedOut', notice: { tone: 'error', text: started.message } } : before);
      return failed('unexpected', started.message);
    }
    this.#transition(signingInState(started.pending, profileOf(before), started.replaced ? { tone: 'info', text: started.replaced } : null));
    return done;
  }

  /** A deep link or loopback request from the browser; returns what became of it. */
  async receiveCallback(url: string): Promise<SignInStep> {
    this.#trace.mark('callback received');
    const step = await this.deps.signIn.receiveCallback(url);
    await this.#applyStep(step);
    return step;
  }

  async submitCode(code: string): Promise<Outcome> {
    if (this.#state.kind !== 'signingIn') return failed('no_pending_sign_in', messages.noPendingSignIn);
    const step = await this.deps.signIn.submitCode(code);
    await this.#applyStep(step);
    if (step.kind === 'failed' || step.kind === 'ended') return failed('exchange_rejected', step.message);
    if (step.kind === 'ignored') return failed('sign_in_in_progress', messages.exchangeRunning);
    return done;
  }

  async #applyStep(step: SignInStep): Promise<void> {
    switch (step.kind) {
      case 'ignored':
        return;
      case 'failed':
        if (this.#state.kind === 'signingIn') this.#transition({ ...this.#state, notice: { tone: 'error', text: step.message } });
        return;
      case 'ended':
        this.#signInEnded(step.message);
        return;
      case 'signedIn': {
        this.#timers.clearAll();
        this.#announcer.reset();
        this.#token = step.token;
        // The token and the cached account go to disk in one write. The token response already
        // says who signed in and until when, so the server is not asked again.
        const saved = this.deps.vault.writeToken(step.token);
        this.#remember({ ...step.user }, step.expiresAt);
        await saved;
        this.#lastCheckAt = this.deps.clock.now();
        this.#schedulePeriodic();
        this.#evaluateExpiry(true);
      }
    }
  }

  #signInEnded(message: string): void {
    if (this.#state.kind !== 'signingIn') return;
    if (this.#token) {
      this.#evaluateExpiry(true);
      return;
    }
    this.#transition({ kind: 'signedOut', notice: { tone: 'info', text: message } });
  }

  async cancelSignIn(): Promise<Outcome> {
    if (this.#state.kind !== 'signingIn') return failed('no_pending_sign_in', messages.noPendingSignIn);
    await this.deps.signIn.cancel();
    this.#signInEnded(messages.signInCancelled);
    return done;
  }

  /** Revokes on the server when it can, then forgets the session locally, online or not. */
  async signOut(): Promise<Outcome> {
    const token = this.#token;
    this.#token = null;
    this.#timers.clearAll();
    if (token) {
      const revoked = await revokeSession(this.deps.http, this.deps.discovery ?? this.deps.serverOrigin, token, this.deps.config.clientId);
      if (!revoked) this.deps.logger.log('warn', 'Signed out locally; the server could not be told');
    }
    await this.deps.signIn.cancel();
    await this.deps.vault.deleteToken();
    this.deps.vault.clearCachedAccount();
    this.#cached = null;
    this.#announcer.reset();
    this.#transition({ kind: 'signedOut', notice: null });
    return done;
  }

  /** The machine woke, the screen unlocked or the network came back. */
  async systemResumed(): Promise<void> {
    this.#evaluateExpiry();
    await this.revalidate();
  }

  async popoverOpened(): Promise<void> {
    if (this.deps.clock.now() - this.#lastCheckAt < popoverRevalidateMinGapMs) return;
    await this.revalidate();
  }

  async retry(): Promise<Outcome> {
    await this.revalidate();
    return done;
  }

  stop(): void {
    this.#timers.clearAll();
  }

  #schedulePeriodic(): void {
    this.#timers.set('periodic', this.deps.config.revalidateIntervalMs, () => {
      void this.revalidate();
      this.#schedulePeriodic();
    });
  }
}
