import { CipherError } from '../ports';

/**
 * Why a change did not reach the disk: the keyring would not encrypt, or the disk refused the
 * write. Each disk cause is one errno family, so the notice can say what is wrong.
 */
export type UnsavedCause = 'keyring' | 'diskFull' | 'diskError' | 'noPermission' | 'readOnly' | 'diskOther';

/** A value that should be on disk and is not (`write`), or one that should be gone and is still there (`delete`). */
export type UnsavedChange = 'write' | 'delete';

export interface Unsaved {
  change: UnsavedChange;
  cause: UnsavedCause;
}

/** Maps a failed write to its cause. Node reports the errno as `error.code`. */
export function causeOf(error: unknown): UnsavedCause {
  if (error instanceof CipherError) return 'keyring';
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'diskFull';
    case 'EIO':
      return 'diskError';
    case 'EACCES':
    case 'EPERM':
      return 'noPermission';
    case 'EROFS':
      return 'readOnly';
    default:
      return 'diskOther';
  }
}

/**
 * What the vault holds that the disk does not, per store key, so every failed write and every
 * failed deletion is remembered, retried, and shown until it lands. A deletion counts as much as a
 * write: an unsaved sign-out would come back at the next start.
 */
export class UnsavedChanges {
  readonly #entries = new Map<string, Unsaved>();

  failed(key: string, change: UnsavedChange, cause: UnsavedCause): void {
    this.#entries.set(key, { change, cause });
  }

  saved(key: string): void {
    this.#entries.delete(key);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  keys(): string[] {
    return [...this.#entries.keys()];
  }

  get size(): number {
    return this.#entries.size;
  }

  /** True when a value the user has is only in memory (a deletion leaves nothing to lose). */
  get writePending(): boolean {
    return [...this.#entries.values()].some((entry) => entry.change === 'write');
  }

  /** The one to tell the user about: a deletion first (a sign-out that could come back), a disk cause before the keyring. */
  mostPressing(): Unsaved | null {
    let best: Unsaved | null = null;
    for (const entry of this.#entries.values()) if (!best || rank(entry) > rank(best)) best = entry;
    return best;
  }
}

function rank(entry: Unsaved): number {
  return (entry.change === 'delete' ? 2 : 0) + (entry.cause === 'keyring' ? 0 : 1);
}
