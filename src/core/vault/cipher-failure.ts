import type { CipherFailure } from '../ports';

/**
 * How a rejection of Electron's async safeStorage maps to what the vault does with the blob.
 *
 * Electron rejects `decryptStringAsync` with "safeStorage.decryptStringAsync is temporarily
 * unavailable. Please try again." when os_crypt_async sets `temporarily_unavailable` (a locked
 * or not yet started keyring), and with "Error while decrypting the ciphertext provided to
 * safeStorage.decryptStringAsync." when the data can never be decrypted with the key at hand
 * (see electron/electron shell/browser/api/electron_api_safe_storage.cc). Everything else is
 * treated as temporary: an unknown failure must never make the vault throw a blob away.
 */
export function classifyCipherFailure(operation: 'encrypt' | 'decrypt', message: string): CipherFailure {
  if (/temporarily unavailable/iu.test(message)) return 'temporarily_unavailable';
  if (/before app is ready/iu.test(message)) return 'temporarily_unavailable';
  if (/(?:encryption|decryption) is not available/iu.test(message)) return 'unavailable';
  if (operation === 'decrypt' && /error while decrypting the ciphertext/iu.test(message)) return 'undecryptable';
  if (operation === 'decrypt' && /does not appear to be encrypted/iu.test(message)) return 'undecryptable';
  return 'temporarily_unavailable';
}
