import type { Outcome } from '../../contract/outcome';
import { done, failed } from '../../contract/outcome';
import { backoffDelay, defaultBackoff, unitRandom } from '../session/backoff';
import { expiryPhase, recheckDelay } from '../session/expiry';
import { ExpiryAnnouncer } from './expiry-announcer';
import { checkSession, revokeSession } from '../session/session-client';
import { SessionDeadline } from '../session/session-deadline';
import type { Trouble } from '../session/server-answer';
import { NamedTimers } from '../session/named-timers';
import { singleFlight } from '../session/single-flight';
import { messages } from './messages';
import type { AccountDeps, CachedAccount, SignInStep, SignInVia } from './ports';
import type { AccountState, Notice, Profile } from './state';
import { sessionState, signingInState, stateWithoutToken } from './account-states';
import { profileOf } from './state';
import { noTrace, type Trace } from '../trace';

export type { AccountDeps };

type Listener = (state: AccountState) => void;

/**
 * Expiry is rechecked at least this often. Time left is measured on the monotonic clock and a
 * sleep arrives as a resume, so this is only a safety net, not a poll: a tray app that runs all
 * day must not wake the machine more often than its revalidation needs.
 */
const expiryRecheckCapMs = 60 * 60_000;
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
  /** On the monotonic clock: a wall clock set back must not hold off the next check for hours. */
  #lastCheckAt = -Infinity;
  #retries = 0;
  /** Why the last check could not reach the server, or null when it did. */
  #trouble: Trouble | null = null;
  readonly #deadline: SessionDeadline;
  /** The vault holds a token the keyring would not open yet: it is read again on the next check. */
  #tokenLocked = false;
  readonly #listeners = new Set<Listener>();
  readonly #announcer: ExpiryAnnouncer;
  readonly #timers: NamedTimers<'expiry' | 'retry' | 'periodic'>;
  /** Checks waiting for this account's turn; each ends its wait when called. */
  readonly #waitingTurn = new Set<() => void>();
  readonly revalidate: () => Promise<boolean>;
  readonly #trace: Trace;

  constructor(private readonly deps: AccountDeps) {
    this.#trace = deps.trace ?? noTrace;
    this.#timers = new NamedTimers(deps.clock);
    this.#deadline = new SessionDeadline(deps.clock);
    this.#announcer = new ExpiryAnnouncer(deps.notifier, () => void this.signIn(), () => this.profile?.email ?? null);
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

  /** Who this account is, as far as it is known: the state's profile, else the cached one. */
  get profile(): Profile | null {
    return profileOf(this.#state) ?? this.#cached?.profile ?? null;
  }

  /** The server this account signs in at; its token goes nowhere else. */
  get serverOrigin(): string {
    return this.deps.serverOrigin;
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
    if (this.#cached) this.#deadline.setFromWall(this.#cached.expiresAt);
    this.#transition({ kind: 'starting', profile: this.#cached?.profile ?? null });
    const pending = await this.deps.signIn.resume();
    if (await this.#loadToken()) {
      await this.#spread();
      await this.revalidate();
    }
    if (pending && !this.#token) this.#transition(signingInState(pending, this.#cached?.profile ?? null, null));
  }

  /** Reads the token from the vault; true when there is one to check with the server. */
  async #loadToken(): Promise<boolean> {
    const read = await this.deps.vault.readToken();
    this.#trace.mark('token decrypted');
    this.#tokenLocked = read.kind === 'locked';
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
    this.#lastCheckAt = this.deps.clock.monotonic();
    const { http, clock, config } = this.deps;
    const check = await checkSession(http, this.deps.discovery ?? this.deps.serverOrigin, token, config.requestTimeoutMs, () => clock.now());
    if (this.#token !== token) return this.#token !== null;
    switch (check.kind) {
      case 'valid':
        this.#retries = 0;
        this.#trouble = null;
        this.#timers.clear('retry');
        this.#confirmed(check.profile, check.remainingMs);
        return check.remainingMs > 0;
      case 'invalid':
        this.deps.logger.log('info', 'The server no longer knows the session');
        await this.#expire();
        return false;
      case 'unreachable':
        this.deps.logger.log('warn', 'The auth server could not be reached', { reason: check.reason });
        this.#goOffline(check.reason);
        return true;
    }
  }

  #confirmed(profile: Profile, remainingMs: number): void {
    this.#remember(profile, remainingMs);
    this.#schedulePeriodic();
    this.#evaluateExpiry({ checked: true });
  }

  /** Saved with the end as a wall-clock instant: after a restart, that is all there is until the server answers. */
  #remember(profile: Profile, remainingMs: number): void {
    const now = this.deps.clock.now();
    this.#deadline.set(remainingMs);
    this.#cached = { profile, expiresAt: now + remainingMs, lastConfirmedAt: now, serverOrigin: this.deps.serverOrigin };
    this.deps.vault.writeCachedAccount(this.#cached);
  }

  #goOffline(trouble: Trouble): void {
    const cached = this.#cached;
    if (!cached) {
      this.#transition({ kind: 'signedOut', notice: { tone: 'warning', text: messages.serverUnreachable } });
      return;
    }
    this.#trouble = trouble;
    const delay = backoffDelay(this.#retries++, this.deps.backoff ?? defaultBackoff, unitRandom(this.deps.random));
    this.#timers.set('retry', delay, () => void this.revalidate());
    this.#evaluateExpiry({ checked: true });
  }

  /**
   * Puts the state in line with the time the server said was left, notifies once per threshold,
   * and re-arms. A renewal in progress stays on screen unless this evaluation is the one that ends
   * it. When the time seems up, the server is asked before anything is deleted (`checked`: it just
   * was): the local clocks only measure, and a session the server confirms is kept.
   */
  #evaluateExpiry({ endsSignIn = false, checked = false } = {}): void {
    const remaining = this.#deadline.remaining();
    if (!this.#cached || !this.#token || remaining === null) return;
    const now = this.deps.clock.now();
    // The end as the wall clock will read it, for the popover's "ends at" and the notices.
    const cached = { ...this.#cached, expiresAt: now + remaining };
    const thresholds = this.deps.config.expiryNoticeThresholds;
    const phase = expiryPhase(now, cached.expiresAt, thresholds);
    if (phase.kind === 'expired') {
      if (!checked) void this.revalidate();
      else if (this.#deadline.confirmed || !this.#trouble) void this.#expire();
      // Only a wall clock from an earlier run says the time is up, and the server cannot be
      // asked: that clock may be hours ahead, so the session is kept until the server answers.
      else this.#transition({ kind: 'offline', profile: cached.profile, expiresAt: cached.expiresAt, lastConfirmedAt: cached.lastConfirmedAt, trouble: this.#trouble });
      return;
    }
    if (this.#state.kind !== 'signingIn' || endsSignIn) this.#transition(sessionState(cached, phase, this.#trouble, now));
    this.#announcer.endingSoon(now, cached.expiresAt, thresholds);
    this.#timers.set('expiry', recheckDelay(now, cached.expiresAt, thresholds, expiryRecheckCapMs), () => this.#evaluateExpiry());
  }

  async #expire(): Promise<void> {
    if (!this.#token) return;
    this.#token = null;
    this.#trouble = null;
    this.#clearTimers();
    this.#deadline.clear();
    await this.deps.vault.deleteToken();
    const profile = this.#cached?.profile ?? null;
    this.#transition({ kind: 'expired', profile, notice: { tone: 'warning', text: messages.sessionExpired } });
    this.#announcer.ended(this.deps.clock.now(), this.#cached?.expiresAt ?? 0);
  }

  async signIn(via: SignInVia = 'scheme'): Promise<Outcome> {
    const started = await this.deps.signIn.start(via);
    if (!started.ok) {
      this.#couldNotStart(started.message);
      return failed('unexpected', started.message);
    }
    this.#transition(signingInState(started.pending, profileOf(this.#state), started.replaced ? { tone: 'info', text: started.replaced } : null));
    return done;
  }

  /**
   * A way of signing in could not start. Whatever was under way still is (the state is read now,
   * not before the attempt: a sign-in may have finished meanwhile), and a session in hand stays.
   */
  #couldNotStart(message: string): void {
    const notice = { tone: 'error' as const, text: message };
    const pending = this.deps.signIn.pending();
    if (pending) {
      this.#transition(signingInState(pending, profileOf(this.#state), notice));
      return;
    }
    if (this.#state.kind === 'signingIn') this.#backToSession(notice);
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
        this.#clearTimers();
        this.#announcer.reset();
        const replaced = this.#token;
        this.#token = step.token;
        this.#tokenLocked = false;
        // The token and the cached account go to disk in one write. The token response already
        // says who signed in and until when, so the server is not asked again.
        const saved = this.deps.vault.writeToken(step.token);
        this.#trouble = null;
        this.#remember({ ...step.user }, step.remainingMs);
        await saved;
        this.#lastCheckAt = this.deps.clock.monotonic();
        this.#schedulePeriodic();
        this.#evaluateExpiry({ endsSignIn: true, checked: true });
        // The session this one replaces is held by no one now: the server is told to end it.
        if (replaced && replaced !== step.token) void this.#revoke(replaced, 'The replaced session could not be ended on the server');
      }
    }
  }

  #signInEnded(message: string): void {
    if (this.#state.kind !== 'signingIn') return;
    this.#backToSession({ tone: 'info', text: message });
  }

  /**
   * A sign-in is over without a new session: back to the one held (in memory, or in a keyring
   * that is locked for now), or to signed out with the reason.
   */
  #backToSession(notice: Notice): void {
    if (this.#token) this.#evaluateExpiry({ endsSignIn: true });
    else if (this.#tokenLocked) this.#transition({ kind: 'keyringLocked', profile: this.#cached?.profile ?? null });
    else this.#transition({ kind: 'signedOut', notice });
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
    this.#tokenLocked = false;
    this.#clearTimers();
    if (token) await this.#revoke(token, 'Signed out locally; the server could not be told');
    await this.deps.signIn.cancel();
    await this.deps.vault.deleteToken();
    this.deps.vault.clearCachedAccount();
    this.#cached = null;
    this.#deadline.clear();
    this.#announcer.reset();
    this.#transition({ kind: 'signedOut', notice: null });
    return done;
  }

  async #revoke(token: string, otherwise: string): Promise<void> {
    const revoked = await revokeSession(this.deps.http, this.deps.discovery ?? this.deps.serverOrigin, token, this.deps.config.clientId, this.deps.config.requestTimeoutMs);
    if (!revoked) this.deps.logger.log('warn', otherwise);
  }

  /** The machine woke, the screen unlocked or the network came back. */
  async systemResumed(): Promise<void> {
    this.#deadline.resumed();
    this.#evaluateExpiry();
    await this.#spread();
    await this.revalidate();
  }

  async popoverOpened(): Promise<void> {
    if (this.deps.clock.monotonic() - this.#lastCheckAt < popoverRevalidateMinGapMs) return;
    await this.#spread();
    await this.revalidate();
  }

  /** Waits this account's turn to ask the server, when it shares the app with others. */
  async #spread(): Promise<void> {
    const delay = this.deps.checkDelay?.() ?? 0;
    if (delay <= 0) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.#waitingTurn.delete(end);
        resolve();
      };
      const cancel = this.deps.clock.setTimeout(done, delay);
      const end = () => {
        cancel();
        done();
      };
      this.#waitingTurn.add(end);
    });
  }

  /**
   * Every timer stops, and a check waiting for its turn stops waiting (it finds no token, or the
   * new one), so nothing that awaits it (a wake, a start) is left hanging.
   */
  #clearTimers(): void {
    this.#timers.clearAll();
    for (const end of [...this.#waitingTurn]) end();
  }


  async retry(): Promise<Outcome> {
    await this.revalidate();
    return done;
  }

  stop(): void {
    this.#clearTimers();
  }

  #schedulePeriodic(): void {
    this.#timers.set('periodic', this.deps.config.revalidateIntervalMs, () => {
      void this.revalidate();
      this.#schedulePeriodic();
    });
  }
}
