import type { CachedAccount } from '../account/ports';
import type { Logger } from '../ports';
import { checkCachedAccount, decodeCachedAccount, storeKeys } from './records';
import type { StoreWriter } from './store-writer';

/**
 * The account shown at start before the vault is read: plain, non-secret data. A write that
 * fails on disk is logged, not thrown: a missing cache only costs the first frame.
 */
export class CachedAccountSlot {
  constructor(
    private readonly store: Pick<StoreWriter, 'get' | 'set'>,
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
    this.#quietly(() => this.store.set(storeKeys.account, undefined));
  }

  /** On disk at once, or with the secret being written right now; a failure is only logged. */
  #quietly(write: () => Promise<void>): void {
    const failed = (error: unknown) => this.logger.log('warn', 'The cached account could not be saved', { error: errorName(error) });
    try {
      write().catch(failed);
    } catch (error) {
      failed(error);
    }
  }
}

/** Only the error's kind goes to the log: a message could quote data. */
export function errorName(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.name;
  return typeof error;
}
