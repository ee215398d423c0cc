import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
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
 * The rejections Electron 45's async safeStorage gives, word for word (from
 * shell/browser/api/electron_api_safe_storage.cc), so the adapter's classification is tested
 * against what the real module says.
 */
export const electronMessages = {
  notReady: 'safeStorage cannot be used before app is ready',
  encryptFailed: 'Error while encrypting the text provided to safeStorage.encryptStringAsync.',
  temporarilyUnavailable: 'safeStorage.decryptStringAsync is temporarily unavailable. Please try again.',
  decryptFailed: 'Error while decrypting the ciphertext provided to safeStorage.decryptStringAsync.',
  /** Not Electron's: its async API has no such rejection (availability resolves false instead). */
  unavailable: 'Encryption is not available.',
} as const;

/** Chromium's Linux fallback derives its key from a constant; anyone can, hence "weak". */
const hardCodedKey = createHash('sha256').update('latchkey-basic-text-double').digest();

/**
 * A safeStorage double that really encrypts (AES-256-GCM), typed against Electron's own
 * signatures. Like Chromium on Linux, a `v10` blob is made with the hard-coded key and a `v11`
 * blob with the keyring's key, so a blob written under one backend does not open under the other.
 * Tests switch its mode, reset its key (a wiped keyring) or ask it to rotate.
 */
type SafeStorageApi = ElectronApi['safeStorage'];

export class SafeStorageDouble implements SafeStorageApi {
  mode: SafeStorageMode = 'strong';
  backend: Backend = 'gnome_libsecret';
  /** Set to make the next decrypts report that the data should be encrypted again. */
  rotateKey = false;
  /** False until the app is ready: Electron rejects every async call before then. */
  ready = true;
  #key = randomBytes(32);
  readonly calls: string[] = [];

  /** The keyring's key, to keep beside a store file saved as a fixture (test/fixtures). */
  exportKey(): string {
    return this.#key.toString('hex');
  }

  /** The keyring of the machine a fixture was made on. */
  static withKey(hex: string): SafeStorageDouble {
    const double = new SafeStorageDouble();
    double.#key = Buffer.from(hex, 'hex');
    return double;
  }

  /** The keyring was reset: blobs made before can never be decrypted. */
  resetKey(): void {
    this.#key = randomBytes(32);
  }

  getSelectedStorageBackend(): Backend {
    if (!this.ready) return 'unknown';
    return this.mode === 'weak' ? 'basic_text' : this.backend;
  }

  async isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push('isAsyncEncryptionAvailable');
    return this.ready && this.mode !== 'unavailable';
  }

  async encryptStringAsync(plainText: string): Promise<Buffer> {
    this.calls.push('encryptStringAsync');
    if (!this.ready) throw new Error(electronMessages.notReady);
    if (this.mode === 'unavailable') throw new Error(electronMessages.unavailable);
    if (this.mode === 'locked') throw new Error(electronMessages.encryptFailed);
    const weak = this.mode === 'weak';
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', weak ? hardCodedKey : this.#key, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from(weak ? 'v10' : 'v11'), iv, cipher.getAuthTag(), body]);
  }

  async decryptStringAsync(encrypted: Buffer): Promise<Electron.DecryptStringAsyncReturnValue> {
    this.calls.push('decryptStringAsync');
    if (!this.ready) throw new Error(electronMessages.notReady);
    if (this.mode === 'locked') throw new Error(electronMessages.temporarilyUnavailable);
    if (this.mode === 'unavailable') throw new Error(electronMessages.unavailable);
    const prefix = encrypted.subarray(0, 3).toString();
    if (prefix !== 'v10' && prefix !== 'v11') throw new Error(electronMessages.decryptFailed);
    // A v11 blob needs the keyring; with only the hard-coded key at hand it cannot be opened.
    if (prefix === 'v11' && this.mode === 'weak') throw new Error(electronMessages.decryptFailed);
    const decipher = createDecipheriv('aes-256-gcm', prefix === 'v10' ? hardCodedKey : this.#key, encrypted.subarray(3, 15));
    decipher.setAuthTag(encrypted.subarray(15, 31));
    try {
      const result = Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
      // A v10 blob read while a keyring is at hand should move up to the keyring's key.
      return { result, shouldReEncrypt: this.rotateKey || (prefix === 'v10' && this.mode === 'strong') };
    } catch {
      throw new Error(electronMessages.decryptFailed);
    }
  }
}
