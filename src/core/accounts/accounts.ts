import type { Outcome } from '../../contract/outcome';
import { done, failed } from '../../contract/outcome';
import { Account } from '../account/account';
import type { AccountDeps, SignInOptions, SignInPort, SignInStep, SignInVia, TokenVault } from '../account/ports';
import type { ServerSources } from '../auth/server-directory';
import { errorName } from '../vault/cached-account';
import { accountSlotCount, accountSlots, type AccountSlot } from '../vault/records';
import { accountMessages } from './messages';
import { serverBoundVault } from './server-bound-vault';
import { SlotSignIn, type SignInRouter } from './slot-sign-in';

/** What the collection needs from the vault: one vault view per account slot, and the active slot. */
export interface AccountSlots {
  forSlot(slot: AccountSlot): TokenVault;
  occupiedSlots(): AccountSlot[];
  activeSlot(): AccountSlot | null;
  setActiveSlot(slot: AccountSlot): void;
}

export interface AccountsDeps extends Omit<AccountDeps, 'vault' | 'signIn' | 'checkDelay'> {
  vault: AccountSlots;
  /** The one sign-in (browser or device) that all accounts take turns with. */
  signIn: SignInPort;
  /** Time between two accounts' checks with the server. @default 2 s */
  checkSpacingMs?: number;
  /** Other servers' endpoints, for accounts added on one. @default their known paths */
  servers?: ServerSources;
}

/** An account is a server and a user on it; this is the key that says two accounts are the same. */
export interface AccountKey {
  serverOrigin: string;
  userId: string;
}

export const accountLimit = accountSlotCount;
const defaultSpacingMs = 2_000;

/**
 * Every account the app holds, one state machine each, and which one is active. The active one is
 * what the tray shows and `authenticatedFetch` uses unless another is named. Accounts share the one
 * sign-in; a session that comes back is given to the account it belongs to (by server and user),
 * so signing in again as someone already here refreshes them, never adds them twice.
 */
export class Accounts implements SignInRouter {
  readonly #entries = new Map<AccountSlot, Account>();
  readonly #ports = new Map<AccountSlot, SlotSignIn>();
  #active: AccountSlot;
  /** The account whose sign-in the shared flow runs now, if any. */
  #owner: AccountSlot | null = null;
  /** An account being added, and the one to go back to when that ends without a session. */
  #adding: { slot: AccountSlot; previous: AccountSlot } | null = null;
  readonly #listeners = new Set<() => void>();

  constructor(private readonly deps: AccountsDeps) {
    deps.signIn.onTimeout(() => {
      const port = this.#ownerPort();
      this.#owner = null;
      port?.timedOut();
    });
    deps.signIn.onEvent?.((event) => {
      const owner = this.#owner;
      if (owner === null) return;
      if (event.kind === 'pending') this.#ports.get(owner)?.event(event);
      else this.#ports.get(owner)?.event({ kind: 'step', step: this.route(owner, event.step) as typeof event.step });
    });
    const saved = deps.vault.occupiedSlots();
    for (const slot of saved.length > 0 ? saved : [0 as const]) this.#create(slot);
    const active = deps.vault.activeSlot();
    this.#active = active !== null && this.#entries.has(active) ? active : [...this.#entries.keys()][0]!;
  }

  get active(): Account {
    return this.#entries.get(this.#active)!;
  }

  get activeSlot(): AccountSlot {
    return this.#active;
  }

  /** Every account, in slot order. */
  list(): { slot: AccountSlot; account: Account }[] {
    return accountSlots.filter((slot) => this.#entries.has(slot)).map((slot) => ({ slot, account: this.#entries.get(slot)! }));
  }

  get(slot: AccountSlot): Account | null {
    return this.#entries.get(slot) ?? null;
  }

  /** The account with this server and user, if the app holds it. */
  find(key: AccountKey): Account | null {
    return this.list().find(({ account }) => sameAccount(account, key))?.account ?? null;
  }

  /** Called after any account changes, or the list or the active one does. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Starts every account: all show their cached profile at once; the active one is checked with
   * the server first, the others after it, spaced out. Resolves once the active one has started.
   */
  async start(): Promise<void> {
    const others = this.list().filter(({ slot }) => slot !== this.#active);
    for (const { account } of others) void account.start();
    await this.active.start();
  }

  /** Makes another account the one the tray shows and `authenticatedFetch` uses. */
  select(slot: AccountSlot): Outcome {
    if (!this.#entries.has(slot)) return failed('unknown_account', accountMessages.unknownAccount);
    if (this.#adding) return failed('sign_in_in_progress', accountMessages.finishAddingFirst);
    this.#setActive(slot);
    return done;
  }

  /**
   * "Add another account": a new, empty account runs the sign-in (any way it goes) with
   * `prompt=select_account`; it is shown while it runs, and dropped if it ends without a session.
   * `serverOrigin` names another server than the configured one (checked by the caller).
   */
  async add(via: SignInVia, serverOrigin: string = this.deps.serverOrigin): Promise<Outcome> {
    const refused = this.additionRefused();
    if (refused) return refused;
    const slot = this.#freeSlot()!;
    const account = this.#create(slot, serverOrigin);
    this.#adding = { slot, previous: this.#active };
    this.#active = slot;
    const started = await account.signIn(via);
    if (!started.ok) this.#dropAdding();
    this.#changed();
    return started;
  }

  /** Why no account can be added now (one is being added, or the limit is reached); null when one can. */
  additionRefused(): Outcome | null {
    if (this.#adding) return failed('sign_in_in_progress', accountMessages.finishAddingFirst);
    if (this.#entries.size >= accountLimit || this.#freeSlot() === undefined) return failed('account_limit', accountMessages.limitReached(accountLimit));
    return null;
  }

  async signOut(slot: AccountSlot): Promise<Outcome> {
    const account = this.#entries.get(slot);
    if (!account) return failed('unknown_account', accountMessages.unknownAccount);
    return account.signOut();
  }

  /** Signs out of every account, each revoked on its own server. */
  async signOutAll(): Promise<Outcome> {
    await Promise.all(this.list().map(({ account }) => account.signOut()));
    return done;
  }

  /** A deep link or loopback request: it belongs to the sign-in under way, whichever account runs it. */
  receiveCallback(url: string): Promise<SignInStep> {
    return this.#entries.get(this.#owner ?? this.#active)!.receiveCallback(url);
  }

  /** The machine woke, the screen unlocked or the network came back: each account checks in its turn. */
  async systemResumed(): Promise<void> {
    await Promise.all(this.list().map(({ account }) => account.systemResumed()));
  }

  async popoverOpened(): Promise<void> {
    await Promise.all(this.list().map(({ account }) => account.popoverOpened()));
  }

  stop(): void {
    for (const account of this.#entries.values()) account.stop();
  }

  // SignInRouter: what each account's view of the shared sign-in reports back.

  started(slot: AccountSlot): void {
    const previous = this.#owner;
    this.#owner = slot;
    // Another account's sign-in was replaced by this one: it goes back to what it had.
    if (previous !== null && previous !== slot) this.#ports.get(previous)?.event({ kind: 'step', step: { kind: 'ended', message: accountMessages.replacedByAnother } });
  }

  owns(slot: AccountSlot): boolean {
    return this.#owner === slot;
  }

  adopt(slot: AccountSlot): void {
    this.#owner ??= slot;
  }

  /** An account is being added (its sign-in is under way). */
  get adding(): boolean {
    return this.#adding !== null;
  }

  isAdding(slot: AccountSlot): boolean {
    return this.#adding?.slot === slot;
  }

  optionsFor(slot: AccountSlot): SignInOptions {
    const account = this.#entries.get(slot);
    const origin = account?.serverOrigin ?? this.deps.serverOrigin;
    const email = account?.profile?.email;
    return {
      ...(origin !== this.deps.serverOrigin ? { serverOrigin: origin } : {}),
      ...(this.isAdding(slot) ? { prompt: 'select_account' as const } : email ? { loginHint: email } : {}),
    };
  }

  isActive(slot: AccountSlot): boolean {
    return this.#active === slot;
  }

  /**
   * Where a step of the sign-in run by `slot` goes. A session goes to the account it belongs to:
   * another account already here is refreshed (and `slot` told so), a new person on a renewal is
   * added beside it, and one more than the limit is refused with a sentence.
   */
  route(slot: AccountSlot, step: SignInStep): SignInStep {
    if (step.kind === 'ended') this.#owner = null;
    if (step.kind !== 'signedIn') return step;
    this.#owner = null;
    const key = { serverOrigin: step.serverOrigin ?? this.deps.serverOrigin, userId: step.user.id };
    const runner = this.#entries.get(slot)!;
    const existing = this.list().find(({ account }) => sameAccount(account, key));
    if (existing && existing.slot !== slot) {
      this.#ports.get(existing.slot)?.event({ kind: 'step', step });
      this.#finishAdding(existing.slot);
      this.#setActive(existing.slot);
      return { kind: 'ended', message: accountMessages.alreadyHere(step.user.email) };
    }
    // A session is only ever held by an account on the server that issued it.
    const sameServer = runner.serverOrigin === key.serverOrigin;
    if (sameServer && (existing || !runner.profile || this.isAdding(slot))) {
      this.#finishAdding(slot);
      return step;
    }
    // A renewal that came back as someone else, or (after a restart) an attempt on another server
    // than the account that resumed it: that person is added, the runner is kept as it was.
    const free = this.#freeSlot();
    if (free === undefined || this.#entries.size >= accountLimit) return { kind: 'ended', message: accountMessages.limitReached(accountLimit) };
    this.#create(free, key.serverOrigin);
    this.#ports.get(free)!.event({ kind: 'step', step });
    this.#finishAdding(free);
    this.#setActive(free);
    return { kind: 'ended', message: accountMessages.addedBeside(step.user.email) };
  }

  /** A slot no account holds, in memory or on disk. */
  #freeSlot(): AccountSlot | undefined {
    const saved = this.deps.vault.occupiedSlots();
    return accountSlots.find((slot) => !this.#entries.has(slot) && !saved.includes(slot));
  }

  #ownerPort(): SlotSignIn | null {
    return this.#owner === null ? null : (this.#ports.get(this.#owner) ?? null);
  }

  /** An account on `serverOrigin`; by default the server its saved profile names, or the configured one. */
  #create(slot: AccountSlot, serverOrigin?: string): Account {
    const plain = this.deps.vault.forSlot(slot);
    const origin = serverOrigin ?? plain.readCachedAccount()?.serverOrigin ?? this.deps.serverOrigin;
    const vault = serverBoundVault(plain, origin, this.deps.serverOrigin, this.deps.logger);
    const port = new SlotSignIn(slot, this.deps.signIn, this);
    const account = new Account({
      ...this.deps,
      serverOrigin: origin,
      discovery: origin === this.deps.serverOrigin ? this.deps.discovery : this.deps.servers?.discovery(origin),
      vault,
      signIn: port,
      checkDelay: () => this.#checkDelay(slot),
    });
    this.#ports.set(slot, port);
    this.#entries.set(slot, account);
    account.onChange(() => this.#accountChanged(slot));
    return account;
  }

  /** The active account asks at once; the others one after another, a spacing apart. */
  #checkDelay(slot: AccountSlot): number {
    if (slot === this.#active) return 0;
    const others = this.list().filter((entry) => entry.slot !== this.#active);
    const turn = others.findIndex((entry) => entry.slot === slot) + 1;
    return turn * (this.deps.checkSpacingMs ?? defaultSpacingMs);
  }

  #accountChanged(slot: AccountSlot): void {
    const account = this.#entries.get(slot);
    // An account that signed out (or an addition that ended without a session) leaves the list,
    // unless it is the only one: that one stays, signed out, to sign in again.
    if (account && account.state.kind === 'signedOut' && this.#entries.size > 1) {
      this.#remove(slot);
      return;
    }
    this.#changed();
  }

  #remove(slot: AccountSlot): void {
    this.#entries.get(slot)?.stop();
    this.#forget(slot);
    this.#entries.delete(slot);
    this.#ports.delete(slot);
    if (this.#owner === slot) this.#owner = null;
    if (this.#adding?.slot === slot) {
      const { previous } = this.#adding;
      this.#adding = null;
      if (this.#entries.has(previous)) this.#active = previous;
    }
    if (!this.#entries.has(this.#active)) this.#setActive(this.list()[0]!.slot);
    this.#changed();
  }

  /**
   * An account that leaves the list leaves the disk too, or a restart brings it back: an expired
   * account whose renewal was replaced by an addition ends signed out without a sign-out, its
   * expired record still saved, and came back beside the same person signed in again.
   */
  #forget(slot: AccountSlot): void {
    const vault = this.deps.vault.forSlot(slot);
    vault.clearCachedAccount();
    vault.deleteToken().catch((error: unknown) => this.deps.logger.log('warn', 'A removed account could not be deleted from disk', { error: errorName(error) }));
  }

  #dropAdding(): void {
    const adding = this.#adding;
    if (adding) this.#remove(adding.slot);
  }

  #finishAdding(slot: AccountSlot): void {
    const adding = this.#adding;
    if (!adding) return;
    this.#adding = null;
    // The person who signed in is active, whichever account they turned out to be; an addition
    // that turned out to be someone already here leaves the list once it hears so (signed out).
    this.#setActive(slot);
  }

  #setActive(slot: AccountSlot): void {
    this.#active = slot;
    this.deps.vault.setActiveSlot(slot);
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }
}

export function sameAccount(account: Account, key: AccountKey): boolean {
  return account.serverOrigin === key.serverOrigin && account.profile?.id === key.userId;
}
