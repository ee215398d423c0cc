import { CipherError, type Cipher, type CipherBackend } from '../../core/ports';
import { classifyCipherFailure } from '../../core/vault/cipher-failure';
import type { ElectronApi } from '../electron-api';

/**
 * The Cipher port over Electron's async safeStorage. Create it only after `app.whenReady()`:
 * before that every async call rejects ("safeStorage cannot be used before app is ready") and
 * the Linux backend reads `unknown`.
 */
export function createSafeStorageCipher(safeStorage: ElectronApi['safeStorage'], platform: NodeJS.Platform): Cipher {
  return {
    async isAvailable() {
      try {
        return await safeStorage.isAsyncEncryptionAvailable();
      } catch {
        return false;
      }
    },
    // getSelectedStorageBackend exists on Linux only (electron_api_safe_storage.cc registers it
    // under IS_LINUX); the other platforms have one backend each.
    backend(): CipherBackend {
      if (platform === 'darwin') return 'keychain';
      if (platform === 'win32') return 'dpapi';
      if (platform === 'linux') return safeStorage.getSelectedStorageBackend();
      return 'unknown';
    },
    async encrypt(plainText) {
      try {
        return new Uint8Array(await safeStorage.encryptStringAsync(plainText));
      } catch (error) {
        throw cipherError('encrypt', error);
      }
    },
    async decrypt(encrypted) {
      try {
        const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(Buffer.from(encrypted));
        return { text: result, shouldReEncrypt };
      } catch (error) {
        throw cipherError('decrypt', error);
      }
    },
  };
}

function cipherError(operation: 'encrypt' | 'decrypt', error: unknown): CipherError {
  const message = error instanceof Error ? error.message : String(error);
  const failure = classifyCipherFailure(operation, message);
  return new CipherError(failure, `safeStorage could not ${operation} (${failure}).`);
}
