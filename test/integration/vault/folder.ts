import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Conf from 'conf';
import { afterEach, expect } from 'vitest';
import type { Logger } from '../../../src/core/ports';
import type { Vault } from '../../../src/core/vault/vault';
import { JsonFileStore, type JsonStoreClass } from '../../../src/main/adapters/key-value-store';
import { SafeStorageDouble } from '../../harness/safe-storage-double';
import { openTestVault } from './test-vault';

/** A log that keeps every line, so a test can prove no secret reached it. */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  log(level: string, message: string, fields?: Record<string, unknown>): void {
    this.lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  }
}

/** A distinctive fake session token, so a scan for its bytes cannot hit by chance. */
export function newToken(): string {
  return `lk_tok_${randomBytes(18).toString('hex')}`;
}

export interface VaultFolder {
  dir: string;
  safeStorage: SafeStorageDouble;
  logger: RecordingLogger;
  now: number;
  /** Secrets to look for in every file and log line once the test is over. */
  secrets: Set<string>;
  /** The app's store over real files, as main would open it (conf standing in for electron-store). */
  openStore(): JsonFileStore;
  /** A vault as after a restart: a fresh store instance on the same files, the same keyring. */
  openVault(options?: { platform?: NodeJS.Platform; storeClass?: JsonStoreClass }): Promise<Vault>;
  /** The store file as JSON; empty when nothing was written yet. */
  readFile(): Record<string, unknown>;
  files(): string[];
}

/**
 * Temporary folders for vault scenarios. After every test: wait for queued writes, then scan
 * every file in the folder and every log line for each secret's bytes (plain and base64).
 */
export function vaultFolders(): { create(): VaultFolder } {
  const folders: { folder: VaultFolder; vaults: Vault[] }[] = [];
  afterEach(async () => {
    try {
      for (const { folder, vaults } of folders) {
        await Promise.all(vaults.map((vault) => vault.settled()));
        assertNoPlaintext(folder);
      }
    } finally {
      for (const { folder } of folders.splice(0)) rmSync(folder.dir, { recursive: true, force: true });
    }
  });
  return {
    create() {
      const dir = mkdtempSync(join(tmpdir(), 'latchkey-vault-'));
      const vaults: Vault[] = [];
      const storeFile = join(dir, 'latchkey.json');
      const folder: VaultFolder = {
        dir,
        safeStorage: new SafeStorageDouble(),
        logger: new RecordingLogger(),
        now: Date.parse('2026-11-23T09:00:00.000Z'),
        secrets: new Set(),
        openStore: () => new JsonFileStore(Conf, { directory: dir, name: 'latchkey', now: () => folder.now }),
        async openVault(options = {}) {
          const { vault } = await openTestVault({
            directory: dir,
            safeStorage: folder.safeStorage,
            platform: options.platform ?? 'linux',
            logger: folder.logger,
            now: () => folder.now,
            storeClass: options.storeClass,
          });
          vaults.push(vault);
          return vault;
        },
        readFile: () => (existsSync(storeFile) ? (JSON.parse(readFileSync(storeFile, 'utf8')) as Record<string, unknown>) : {}),
        files: () => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => join(dir, name)),
      };
      folders.push({ folder, vaults });
      return folder;
    },
  };
}

function assertNoPlaintext(folder: VaultFolder): void {
  const forms = [...folder.secrets].flatMap((secret) => [Buffer.from(secret), Buffer.from(Buffer.from(secret).toString('base64'))]);
  for (const path of folder.files()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // a folder
    }
    for (const form of forms) expect(bytes.includes(form), `a secret in plaintext in ${path}`).toBe(false);
  }
  for (const line of folder.logger.lines) {
    for (const secret of folder.secrets) expect(line.includes(secret), `a secret in the log: ${line}`).toBe(false);
  }
}
