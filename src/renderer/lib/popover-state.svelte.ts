import type { LatchkeyApi } from '../../contract/commands';
import type { Outcome } from '../../contract/outcome';
import type { AccountView } from '../../contract/view';

/**
 * The popover's state: the latest view from main, plus the outcome of the last intent. Components
 * read it and call its methods; only this class talks to the API.
 */
export class PopoverState {
  view = $state<AccountView | null>(null);
  busy = $state(false);
  lastFailure = $state<string | null>(null);
  readonly #stop: () => void;

  constructor(private readonly api: LatchkeyApi) {
    this.#stop = api.onView((view) => {
      this.view = view;
    });
    void api.getView().then((view) => {
      this.view ??= view;
    });
  }

  async run(intent: () => Promise<Outcome>): Promise<void> {
    this.busy = true;
    this.lastFailure = null;
    try {
      const outcome = await intent();
      if (!outcome.ok) this.lastFailure = outcome.message;
    } catch {
      this.lastFailure = 'Latchkey did not answer. Try again.';
    } finally {
      this.busy = false;
    }
  }

  signIn = () => this.run(() => this.api.signIn());
  cancelSignIn = () => this.run(() => this.api.cancelSignIn());

  dispose(): void {
    this.#stop();
  }
}
