import type { Outcome } from '../../contract/outcome';
import { done, failed } from '../../contract/outcome';
import type { LatchkeyConfig } from '../config';
import type { Browser, Clock, Logger } from '../ports';
import type { AccountState } from './state';

export interface AccountDeps {
  clock: Clock;
  browser: Browser;
  logger: Logger;
  config: LatchkeyConfig;
  /** The origin of the BetterAuth server in use (configured, or the embedded one). */
  serverOrigin: string;
}

type Listener = (state: AccountState) => void;

/**
 * Owns the account state and every transition of it. Intents from the popover, the tray and the
 * OS arrive here; listeners (tray, popover) hear each new state.
 */
export class Account {
  #state: AccountState = { kind: 'signedOut', notice: null };
  readonly #listeners = new Set<Listener>();

  constructor(private readonly deps: AccountDeps) {}

  get state(): AccountState {
    return this.#state;
  }

  onChange(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  protected transition(next: AccountState): void {
    this.#state = next;
    for (const listener of this.#listeners) listener(next);
  }

  async signIn(): Promise<Outcome> {
    const { clock, config, browser, serverOrigin } = this.deps;
    this.transition({
      kind: 'signingIn',
      attemptExpiresAt: clock.now() + config.signInLifetimeMs,
      via: 'scheme',
      profile: null,
      notice: null,
    });
    try {
      await browser.open(new URL('/desktop/authorize', serverOrigin).href);
      return done;
    } catch {
      this.transition({ kind: 'signedOut', notice: { tone: 'error', text: 'Your browser could not be opened.' } });
      return failed('unexpected', 'Your browser could not be opened.');
    }
  }

  cancelSignIn(): Outcome {
    if (this.#state.kind !== 'signingIn') return failed('no_pending_sign_in', 'No sign-in is in progress.');
    this.transition({ kind: 'signedOut', notice: null });
    return done;
  }
}
