import type { CachedAccount } from '../account/ports';
import type { Logger } from '../ports';
import { checkCachedAccount, decodeCachedAccount } from './records';
import type { StoreWriter } from './store-writer';
import { causeOf, type UnsavedChanges } from './unsaved';

/**
 * The account shown at start before the vault is read: plain, non-secret data. A write that
 * fails on disk is not thrown (a missing cache only costs the first frame), but it is remembered
 * and retried like a secret's: a cleared account that stays on disk would show a signed-out
 * person as signed in at the next start.
 */
export class CachedAccountSlot {
  /** What should be on disk: the last account written, or null once cleared. */
  #intended: CachedAccount | null | undefined;

  constructor(
    /** The store key: `account` for the first account, `account-N` for the others. */
    private readonly key: string,
    private readonly store: Pick<StoreWriter, 'get' | 'set'>,
    private readonly unsaved: UnsavedChanges,
    private readonly logger: Logger,
    private readonly changed: () => void,
  ) {}

  read(): CachedAccount | null {
    if (this.#intended !== undefined) return this.#intended;
    return decodeCachedAccount(this.store.get(this.key));
  }

  /** Throws for an account the popover could not show (misuse); remembers a disk failure. */
  write(account: CachedAccount): void {
    const checked = checkCachedAccount(account);
    this.#intended = checked;
    this.#save();
  }

  clear(): void {
    this.#intended = null;
    this.#save();
  }

  /** Writes again what could not be written (at once when nothing else is being written); a no-op when the disk has it. */
  retry(): void {
    if (this.unsaved.has(this.key)) this.#save();
  }

  /** On disk at once, or with the secret being written right now; a failure is remembered. */
  #save(): void {
    const intended = this.#intended;
    const value = intended ?? undefined;
    const failed = (error: unknown) => {
      if (this.#intended !== intended) return;
      this.logger.log('warn', 'The cached account could not be saved', { error: errorName(error) });
      this.unsaved.failed(this.key, value === undefined ? 'delete' : 'write', causeOf(error));
      this.changed();
    };
    const landed = () => {
      if (this.#intended !== intended || !this.unsaved.has(this.key)) return;
      this.unsaved.saved(this.key);
      this.changed();
    };
    try {
      this.store.set(this.key, value).then(landed, failed);
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
