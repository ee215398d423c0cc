import type { PendingSignIn, SignInEvent, SignInOptions, SignInPort, SignInStep, SignInVia } from '../account/ports';
import type { AccountSlot } from '../vault/records';

/** What an account's view of the shared sign-in reports to the collection, and asks it. */
export interface SignInRouter {
  /** `slot` started a sign-in; any other account's sign-in under way was replaced. */
  started(slot: AccountSlot): void;
  /** Whether the sign-in under way is `slot`'s. */
  owns(slot: AccountSlot): boolean;
  /** A sign-in found after a restart belongs to `slot` (the active account) unless one already does. */
  adopt(slot: AccountSlot): void;
  /** What `slot`'s sign-in asks for: its server, `prompt=select_account` when adding, its email when renewing. */
  optionsFor(slot: AccountSlot): SignInOptions;
  isActive(slot: AccountSlot): boolean;
  /** Where a step of `slot`'s sign-in goes; what `slot` itself should make of it. */
  route(slot: AccountSlot, step: SignInStep): SignInStep;
}

/**
 * One account's view of the one sign-in the app runs. The account state machine stays as it is
 * (one port, one attempt); this view shows it only its own attempt, starts it on the account's
 * server with what the account asks for, and hands every session that comes back to the collection,
 * which gives it to the account it belongs to.
 */
export class SlotSignIn implements SignInPort {
  readonly #timeoutListeners = new Set<() => void>();
  readonly #eventListeners = new Set<(event: SignInEvent) => void>();

  constructor(
    private readonly slot: AccountSlot,
    private readonly shared: SignInPort,
    private readonly router: SignInRouter,
  ) {}

  async start(via: SignInVia, options?: SignInOptions): ReturnType<SignInPort['start']> {
    const started = await this.shared.start(via, { ...this.router.optionsFor(this.slot), ...options });
    if (started.ok) this.router.started(this.slot);
    return started;
  }

  /** After a restart the saved attempt is the active account's: the one on screen when it was started. */
  async resume(): Promise<PendingSignIn | null> {
    if (!this.router.isActive(this.slot)) return null;
    const pending = await this.shared.resume();
    if (pending) this.router.adopt(this.slot);
    return this.router.owns(this.slot) ? pending : null;
  }

  pending(): PendingSignIn | null {
    return this.router.owns(this.slot) ? this.shared.pending() : null;
  }

  async receiveCallback(url: string): Promise<SignInStep> {
    this.router.adopt(this.slot);
    return this.router.route(this.slot, await this.shared.receiveCallback(url));
  }

  async submitCode(code: string): Promise<SignInStep> {
    this.router.adopt(this.slot);
    return this.router.route(this.slot, await this.shared.submitCode(code));
  }

  /** Only this account's own sign-in: signing out of one account leaves another's sign-in running. */
  async cancel(): Promise<void> {
    if (this.router.owns(this.slot)) await this.shared.cancel();
  }

  onTimeout(listener: () => void): void {
    this.#timeoutListeners.add(listener);
  }

  onEvent(listener: (event: SignInEvent) => void): void {
    this.#eventListeners.add(listener);
  }

  timedOut(): void {
    for (const listener of this.#timeoutListeners) listener();
  }

  event(event: SignInEvent): void {
    for (const listener of this.#eventListeners) listener(event);
  }
}
