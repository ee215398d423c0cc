import { chmodSync, existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type ElectronStore from 'electron-store';
import type { KeyValueStore } from '../../core/ports';
import type { StoreRecovery } from '../../core/vault/vault';

/*
 * This file is also run by plain Node in the crash-safety test (type stripping), so it imports
 * only types and Node built-ins.
 */

/** The options this adapter passes; both electron-store's and conf's constructors take them. */
export interface JsonStoreOptions {
  cwd: string;
  /** The file's name for electron-store, which hands it to conf as `configName`. */
  name: string;
  /** The same name for conf itself. */
  configName: string;
  configFileMode: number;
  accessPropertiesByDotNotation: boolean;
  clearInvalidConfig: boolean;
  cache: boolean;
}

export interface JsonStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** The whole store; assigning it writes the file once. */
  store: Record<string, unknown>;
  readonly path: string;
}

/**
 * electron-store's class in the app; conf's `Conf` (its base class, same API, no electron
 * import) in tests, so the code below runs on real files either way.
 */
export type JsonStoreClass = new (options: JsonStoreOptions) => JsonStore;

type Assert<T extends true> = T;
/** Fails to compile if electron-store's constructor stops fitting what main passes it. */
export type ElectronStoreFits = Assert<typeof ElectronStore extends JsonStoreClass ? true : false>;
/**
 * Fails to compile if the store is ever given a JSON schema: the main bundle leaves conf's
 * validator out (vite.config.ts, withoutSchemaValidator), which only a schema would use.
 */
export type OpenedWithoutSchema = Assert<Extract<keyof JsonStoreOptions, 'schema' | 'rootSchema' | 'ajvOptions'> extends never ? true : false>;

export interface JsonFileStoreOptions {
  /** The folder (the app's userData). */
  directory: string;
  /** The file's name without `.json`. */
  name: string;
  /** For the `.corrupt-<timestamp>` suffix. */
  now?: () => number;
}

/** Owner read and write only: the file holds ciphertext and the user's email address. */
const fileMode = 0o600;

/**
 * The KeyValueStore port over electron-store (conf writes atomically: a temporary file renamed
 * over the old one). A file that is not valid JSON is renamed to `<file>.corrupt-<timestamp>`,
 * the store starts clean, and listeners hear of it; it never crashes the app.
 */
export class JsonFileStore implements KeyValueStore, StoreRecovery {
  readonly path: string;
  readonly #Store: JsonStoreClass;
  readonly #options: JsonStoreOptions;
  readonly #now: () => number;
  readonly #copies: string[] = [];
  readonly #listeners = new Set<(copyPath: string) => void>();
  #store: JsonStore;

  constructor(Store: JsonStoreClass, options: JsonFileStoreOptions) {
    if (!/^[\w.-]+$/u.test(options.name)) throw new TypeError(`A store name is a plain file name; got ${JSON.stringify(options.name)}.`);
    this.#Store = Store;
    this.#now = options.now ?? Date.now;
    this.#options = {
      cwd: options.directory,
      name: options.name,
      configName: options.name,
      configFileMode: fileMode,
      // Keys are flat names; a dot in one must not become a path.
      accessPropertiesByDotNotation: false,
      // Damaged files are set aside here rather than silently emptied by conf.
      clearInvalidConfig: false,
      cache: true,
    };
    this.path = join(options.directory, `${options.name}.json`);
    removeLeftoverTemporaryFiles(options.directory, `${options.name}.json`);
    this.#store = this.#open();
  }

  get(key: string): unknown {
    return this.#recovering(() => this.#store.get(key));
  }

  set(key: string, value: unknown): void {
    this.#recovering(() => this.#store.set(key, value));
  }

  delete(key: string): void {
    this.#recovering(() => this.#store.delete(key));
  }

  /** One read and one atomic write for all the changes, however many. */
  update(changes: Readonly<Record<string, unknown>>): void {
    this.#recovering(() => {
      const next: Record<string, unknown> = { ...this.#store.store };
      for (const [key, value] of Object.entries(changes)) {
        if (value === undefined) delete next[key];
        else next[key] = value;
      }
      this.#store.store = next;
    });
  }

  copies(): readonly string[] {
    return this.#copies;
  }

  onRecovered(listener: (copyPath: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #open(): JsonStore {
    try {
      return new this.#Store(this.#options);
    } catch (error) {
      if (!isDamagedFile(error)) throw error;
      this.#setAside();
      return new this.#Store(this.#options);
    }
  }

  /** Runs an operation; if the file turns out damaged (edited from outside), recovers and retries once. */
  #recovering<T>(operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (!isDamagedFile(error)) throw error;
      const copy = this.#setAside();
      this.#store = new this.#Store(this.#options);
      for (const listener of this.#listeners) listener(copy);
      return operation();
    }
  }

  #setAside(): string {
    const stamp = new Date(this.#now()).toISOString().replaceAll(':', '-');
    let copy = `${this.path}.corrupt-${stamp}`;
    for (let n = 2; existsSync(copy); n++) copy = `${this.path}.corrupt-${stamp}-${n}`;
    renameSync(this.path, copy);
    chmodSync(copy, fileMode);
    this.#copies.push(copy);
    return copy;
  }
}

/**
 * A process killed mid-write leaves the atomic write's temporary file behind
 * (`<file>.tmp-<10 digits><6 hex>`, see atomically's temp.js). The app holds the single-instance
 * lock, so at open no write is in flight and any such file is debris.
 */
function removeLeftoverTemporaryFiles(directory: string, fileName: string): void {
  const leftover = new RegExp(`^${fileName.replaceAll('.', '\\.')}\\.tmp-\\d{10}[a-f0-9]{6}$`, 'u');
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return; // no folder yet: conf creates it
  }
  for (const name of names) if (leftover.test(name)) rmSync(join(directory, name), { force: true });
}

/** conf reports a file that is not JSON as a SyntaxError (and never quotes its content). */
function isDamagedFile(error: unknown): boolean {
  return error instanceof Error && error.name === 'SyntaxError';
}
