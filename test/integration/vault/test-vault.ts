import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { silentLogger, type Logger } from '../../../src/core/ports';
import { Vault } from '../../../src/core/vault/vault';
import { JsonFileStore, type JsonStoreClass } from '../../../src/main/adapters/key-value-store';
import { createSafeStorageCipher } from '../../../src/main/adapters/safe-storage-cipher';
import { SafeStorageDouble } from '../../harness/safe-storage-double';

export interface TestVaultOptions {
  /** The folder to use; a new temporary one by default. */
  directory?: string;
  /** Shared across reopenings, as the OS keyring is across restarts. */
  safeStorage?: SafeStorageDouble;
  platform?: NodeJS.Platform;
  logger?: Logger;
  now?: () => number;
  /** The store's file class: conf by default, a `FailingDisk`'s to fail chosen operations. */
  storeClass?: JsonStoreClass;
}

export interface TestVault {
  vault: Vault;
  store: JsonFileStore;
  safeStorage: SafeStorageDouble;
  directory: string;
  /** The same files and keyring in a fresh vault, as after a restart. */
  reopen(): Promise<TestVault>;
  /** Removes the folder (call once, after the last reopening). */
  dispose(): void;
}

/**
 * The app's vault wired as compose.ts wires it, over real files (conf standing in for
 * electron-store) and a safeStorage double that really encrypts. Used by the vault tests and
 * meant for `npm run bench`: time `vault.writeToken` (encrypt + atomic write) and
 * `vault.readToken` (a decrypt on the first read after `reopen()`, memory after that).
 */
export async function openTestVault(options: TestVaultOptions = {}): Promise<TestVault> {
  const directory = options.directory ?? mkdtempSync(join(tmpdir(), 'latchkey-vault-'));
  const safeStorage = options.safeStorage ?? new SafeStorageDouble();
  const now = options.now ?? Date.now;
  const store = new JsonFileStore(options.storeClass ?? Conf, { directory, name: 'latchkey', now });
  const vault = await Vault.open({
    cipher: createSafeStorageCipher(safeStorage, options.platform ?? 'linux'),
    store,
    clock: { now },
    logger: options.logger ?? silentLogger,
    recovery: store,
  });
  return {
    vault,
    store,
    safeStorage,
    directory,
    reopen: () => openTestVault({ ...options, directory, safeStorage }),
    dispose: () => rmSync(directory, { recursive: true, force: true }),
  };
}
