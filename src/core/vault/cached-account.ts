import type { CachedAccount } from '../account/ports';
import type { KeyValueStore, Logger } from '../ports';
import { checkCachedAccount, decodeCachedAccount, storeKeys } from './records';

/**
 * The account shown at start before the vault is read: plain, non-secret data. A write that
 * fails on disk is logged, not thrown: a missing cache only costs the first frame.
 */
export class CachedAccountSlot {
  constructor(
    private readonly store: KeyValueStore,
    private readonly logger: Logger,
  ) {}

  read(): CachedAccount | null {
    return decodeCachedAccount(this.store.get(storeKeys.account));
  }

  /** Throws for an account the popover could not show (misuse); logs a disk failure. */
  write(account: CachedAccount): void {
    const checked = checkCachedAccount(account);
    this.#quietly(() => this.store.set(storeKeys.account, checked));
  }

  clear(): void {
    this.#quietly(() => this.store.delete(storeKeys.account));
  }

  #quietly(write: () => void): void {
    try {
      write();
    } catch (error) {
      this.logger.log('warn', 'The cached account could not be saved', { error: errorName(error) });
    }
  }
}

/** Only the error's kind goes to the log: a message could quote data. */
export function errorName(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.name;
  return typeof error;
}
