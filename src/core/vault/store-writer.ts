import type { KeyValueStore } from '../ports';
import type { Trace } from '../trace';

/** A change whose value is still being made (a secret being encrypted); the write waits for it. */
export interface PendingChange {
  /** The value to write; `undefined` deletes the key. Resolves once it is on disk. */
  put(key: string, value: unknown): Promise<void>;
  /** Nothing to write after all (the change was overtaken, or encrypting failed). */
  drop(): void;
}

interface Batch {
  changes: Map<string, unknown>;
  written: PromiseWithResolvers<void>;
  /** Changes begun for this batch and not yet put or dropped. */
  open: number;
  /** The turn of the event loop that started the batch has ended. */
  due: boolean;
}

/**
 * Gathers the vault's changes and writes them to the store as one atomic update. Changes made
 * together, in one turn of the event loop or while a secret among them is being encrypted, land in
 * one file write: the end of a sign-in (token, cached account, end of the attempt) costs one
 * write, not three. Reads see pending changes, so nothing reads an older value than it wrote.
 */
export class StoreWriter {
  #batch: Batch | null = null;

  constructor(
    private readonly store: KeyValueStore,
    private readonly trace: Trace,
    private readonly nextTurn: (run: () => void) => void = (run) => void setImmediate(run),
  ) {}

  get(key: string): unknown {
    const changes = this.#batch?.changes;
    return changes?.has(key) ? changes.get(key) : this.store.get(key);
  }

  /**
   * Writes `value` (`undefined` deletes): at once when nothing else is being written (a throw
   * then says it failed), else together with the changes under way (the promise says).
   */
  set(key: string, value: unknown): Promise<void> {
    if (this.#batch) return this.begin().put(key, value);
    this.store.update({ [key]: value });
    this.trace.mark('vault written');
    return Promise.resolve();
  }

  begin(): PendingChange {
    const batch = this.#current();
    batch.open += 1;
    let settled = false;
    const settle = () => {
      if (settled) throw new Error('A pending store change was put or dropped twice.');
      settled = true;
      batch.open -= 1;
    };
    return {
      put: (key, value) => {
        settle();
        batch.changes.set(key, value);
        this.#flushIfReady(batch);
        return batch.written.promise;
      },
      drop: () => {
        settle();
        this.#flushIfReady(batch);
      },
    };
  }

  /** Resolves once everything begun so far is on disk (or has failed). */
  async idle(): Promise<void> {
    while (this.#batch) await this.#batch.written.promise.catch(() => {});
  }

  #current(): Batch {
    if (this.#batch) return this.#batch;
    const batch: Batch = { changes: new Map(), written: Promise.withResolvers<void>(), open: 0, due: false };
    // A batch nobody waits on must not turn a failed write into an unhandled rejection.
    batch.written.promise.catch(() => {});
    this.#batch = batch;
    this.nextTurn(() => {
      batch.due = true;
      this.#flushIfReady(batch);
    });
    return batch;
  }

  #flushIfReady(batch: Batch): void {
    if (!batch.due || batch.open > 0 || this.#batch !== batch) return;
    this.#batch = null;
    if (batch.changes.size === 0) {
      batch.written.resolve();
      return;
    }
    try {
      this.store.update(Object.fromEntries(batch.changes));
      this.trace.mark('vault written');
      batch.written.resolve();
    } catch (error) {
      batch.written.reject(error);
    }
  }
}
