import { rmSync, writeFileSync } from 'node:fs';
import Conf from 'conf';
import type { JsonStore, JsonStoreClass, JsonStoreOptions } from '../../src/main/adapters/key-value-store';

/** The ways a disk refuses a write, as Node reports them (`error.code`). */
export type DiskErrorCode = 'ENOSPC' | 'EIO' | 'EACCES' | 'EROFS';

/**
 * Where a write fails: `write` while the temporary file is written (nothing changes on disk),
 * `rename` once the new content is written beside the file and cannot replace it, `open` when the
 * store file is opened at start.
 */
export type DiskOperation = 'write' | 'rename' | 'open';

interface Fault {
  operation: DiskOperation;
  code: DiskErrorCode;
  /** How many more times it fails; Infinity until healed. */
  times: number;
}

const messages: Record<DiskErrorCode, string> = {
  ENOSPC: 'no space left on device',
  EIO: 'i/o error',
  EACCES: 'permission denied',
  EROFS: 'read-only file system',
};

/**
 * A disk for the store that fails on a chosen operation with a chosen errno, and otherwise writes
 * real files (conf, as electron-store does). It stands at the adapter's one seam, the store class
 * handed to `JsonFileStore`, so the app's own adapter and everything above it run unchanged.
 */
export class FailingDisk {
  #faults: Fault[] = [];
  /** Every failure it produced, in order, as `operation:code`. */
  readonly failures: string[] = [];
  /** Successful writes of the store file. */
  writes = 0;

  /** Fails `operation` with `code` until `heal()` (or `times` times). */
  fail(operation: DiskOperation, code: DiskErrorCode, times = Number.POSITIVE_INFINITY): void {
    this.#faults.push({ operation, code, times });
  }

  heal(): void {
    this.#faults = [];
  }

  get failing(): boolean {
    return this.#faults.length > 0;
  }

  /** The store class for `new JsonFileStore(disk.storeClass, …)`. */
  readonly storeClass: JsonStoreClass = ((disk: FailingDisk) =>
    class FailingStore implements JsonStore {
      readonly #inner: JsonStore;
      readonly #options: JsonStoreOptions;

      constructor(options: JsonStoreOptions) {
        disk.#check('open', `${options.cwd}/${options.configName}.json`);
        this.#options = options;
        this.#inner = new (Conf as unknown as JsonStoreClass)(options);
      }

      get path(): string {
        return this.#inner.path;
      }

      get store(): Record<string, unknown> {
        return this.#inner.store;
      }

      set store(value: Record<string, unknown>) {
        this.#write(() => (this.#inner.store = value), value);
      }

      get(key: string): unknown {
        return this.#inner.get(key);
      }

      set(key: string, value: unknown): void {
        this.#write(() => this.#inner.set(key, value), { ...this.#inner.store, [key]: value });
      }

      delete(key: string): void {
        const next = { ...this.#inner.store };
        delete next[key];
        this.#write(() => this.#inner.delete(key), next);
      }

      #write(commit: () => void, next: Record<string, unknown>): void {
        disk.#check('write', this.#inner.path);
        if (disk.#due('rename')) {
          // The new content reached a temporary file beside the store; the rename over the store
          // failed, and the temporary file was removed again (as atomically does on failure).
          const temporary = `${this.#inner.path}.tmp-${'0'.repeat(10)}abcdef`;
          writeFileSync(temporary, JSON.stringify(next), { mode: this.#options.configFileMode });
          rmSync(temporary, { force: true });
          disk.#check('rename', this.#inner.path);
        }
        commit();
        disk.writes++;
      }
    })(this);

  #due(operation: DiskOperation): boolean {
    return this.#faults.some((fault) => fault.operation === operation && fault.times > 0);
  }

  #check(operation: DiskOperation, path: string): void {
    const fault = this.#faults.find((candidate) => candidate.operation === operation && candidate.times > 0);
    if (!fault) return;
    fault.times--;
    this.failures.push(`${operation}:${fault.code}`);
    const syscall = operation === 'write' ? 'open' : operation;
    throw Object.assign(new Error(`${fault.code}: ${messages[fault.code]}, ${syscall} '${path}'`), { code: fault.code, syscall, path });
  }
}
