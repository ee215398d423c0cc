import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type * as Electron from 'electron';
import type { ElectronApi } from '../../src/main/electron-api';

export type SafeStorageMode =
  /** Encrypts with a key of its own, as a keychain-backed safeStorage would. */
  | 'strong'
  /** Linux without a keyring: Electron's hard-coded key ("basic_text"). */
  | 'weak'
  /** No encryption at all (isAsyncEncryptionAvailable resolves false). */
  | 'unavailable'
  /** The keyring is locked for now: every call rejects until unlocked. */
  | 'locked';

type Backend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

/**
 * A safeStorage double that really encrypts (AES-256-GCM), typed against Electron's own
 * signatures. Tests switch its mode, reset its key (a wiped keyring) or ask it to rotate.
 */
type SafeStorageApi = ElectronApi['safeStorage'];

export class SafeStorageDouble implements SafeStorageApi {
  mode: SafeStorageMode = 'strong';
  backend: Backend = 'gnome_libsecret';
  /** Set to make the next decrypts report that the data should be encrypted again. */
  rotateKey = false;
  #key = randomBytes(32);
  readonly calls: string[] = [];

  /** The keyring was reset: blobs made before can never be decrypted. */
  resetKey(): void {
    this.#key = randomBytes(32);
  }

  getSelectedStorageBackend(): Backend {
    return this.mode === 'weak' ? 'basic_text' : this.backend;
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push('isAsyncEncryptionAvailable');
    return this.mode !== 'unavailable';
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.push('encryptStringAsync');
    this.#assertUsable();
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<Electron.DecryptStringAsyncReturnValue> {
    this.calls.push('decryptStringAsync');
    this.#assertUsable();
    if (encrypted.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    const iv = encrypted.subarray(3, 15);
    const tag = encrypted.subarray(15, 31);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAuthTag(tag);
    try {
      const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      return { result, shouldReEncrypt: this.rotateKey };
    } catch {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
  }

  #assertUsable(): void {
    if (this.mode === 'unavailable') throw new Error('Encryption is not available.');
    if (this.mode === 'locked') throw new Error('Error while retrieving the key from the keyring: the keyring is locked.');
  }
}
