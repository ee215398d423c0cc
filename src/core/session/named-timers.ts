import type { Clock } from '../ports';

/**
 * Timers by name: setting one replaces the one of that name, so a re-armed deadline never fires
 * twice, and everything can be cancelled at once (sign-out, expiry, shutdown).
 */
export class NamedTimers<Name extends string> {
  readonly #cancels = new Map<Name, () => void>();

  constructor(private readonly clock: Clock) {}

  set(name: Name, ms: number, fn: () => void): void {
    this.clear(name);
    this.#cancels.set(
      name,
      this.clock.setTimeout(() => {
        this.#cancels.delete(name);
        fn();
      }, ms),
    );
  }

  clear(name: Name): void {
    this.#cancels.get(name)?.();
    this.#cancels.delete(name);
  }

  clearAll(): void {
    for (const name of [...this.#cancels.keys()]) this.clear(name);
  }
}
