import { describe, expect, it } from 'vitest';
import { CipherError } from '../../../src/core/ports';
import { classifyCipherFailure } from '../../../src/core/vault/cipher-failure';
import { createSafeStorageCipher } from '../../../src/main/adapters/safe-storage-cipher';
import { electronMessages, SafeStorageDouble } from '../../harness/safe-storage-double';

describe('classifying what safeStorage rejects with', () => {
  it.each([
    ['decrypt', electronMessages.temporarilyUnavailable, 'temporarily_unavailable'],
    ['decrypt', electronMessages.decryptFailed, 'undecryptable'],
    ['decrypt', 'Error while decrypting the ciphertext provided to decryptString. Ciphertext does not appear to be encrypted.', 'undecryptable'],
    ['decrypt', 'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.', 'unavailable'],
    ['decrypt', electronMessages.notReady, 'temporarily_unavailable'],
    ['encrypt', electronMessages.encryptFailed, 'temporarily_unavailable'],
    ['encrypt', 'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.', 'unavailable'],
    // Something no Electron version says: never a reason to throw a blob away.
    ['decrypt', 'EIO: something else entirely', 'temporarily_unavailable'],
  ] as const)('%s: "%s" is %s', (operation, message, failure) => {
    expect(classifyCipherFailure(operation, message)).toBe(failure);
  });
});

describe('the safeStorage cipher', () => {
  it.each([
    ['darwin', 'keychain'],
    ['win32', 'dpapi'],
    ['linux', 'gnome_libsecret'],
    ['freebsd', 'unknown'],
  ] as const)('on %s reports the %s backend', (platform, backend) => {
    expect(createSafeStorageCipher(new SafeStorageDouble(), platform).backend()).toBe(backend);
  });

  it('reads the Linux backend from safeStorage, weak included', () => {
    const safeStorage = new SafeStorageDouble();
    safeStorage.mode = 'weak';
    expect(createSafeStorageCipher(safeStorage, 'linux').backend()).toBe('basic_text');
  });

  it('round-trips text and passes shouldReEncrypt through', async () => {
    const safeStorage = new SafeStorageDouble();
    const cipher = createSafeStorageCipher(safeStorage, 'linux');
    const encrypted = await cipher.encrypt('hello ✓');
    expect(Buffer.from(encrypted).includes(Buffer.from('hello'))).toBe(false);
    expect(await cipher.decrypt(encrypted)).toEqual({ text: 'hello ✓', shouldReEncrypt: false });
    safeStorage.rotateKey = true;
    expect(await cipher.decrypt(encrypted)).toEqual({ text: 'hello ✓', shouldReEncrypt: true });
  });

  it('rejects with a CipherError that says what kind of failure, and never the text', async () => {
    const safeStorage = new SafeStorageDouble();
    const cipher = createSafeStorageCipher(safeStorage, 'linux');
    const encrypted = await cipher.encrypt('secret-text');
    const failureOf = (promise: Promise<unknown>) =>
      promise.then(
        () => 'resolved',
        (error: unknown) => {
          expect(error).toBeInstanceOf(CipherError);
          expect((error as Error).message).not.toContain('secret-text');
          return (error as CipherError).failure;
        },
      );

    safeStorage.mode = 'locked';
    expect(await failureOf(cipher.decrypt(encrypted))).toBe('temporarily_unavailable');
    expect(await failureOf(cipher.encrypt('secret-text'))).toBe('temporarily_unavailable');
    safeStorage.mode = 'unavailable';
    expect(await failureOf(cipher.decrypt(encrypted))).toBe('unavailable');
    expect(await cipher.isAvailable()).toBe(false);
    safeStorage.mode = 'strong';
    safeStorage.resetKey();
    expect(await failureOf(cipher.decrypt(encrypted))).toBe('undecryptable');
  });

  it('before the app is ready: not available, backend unknown, calls rejected as temporary', async () => {
    const safeStorage = new SafeStorageDouble();
    safeStorage.ready = false;
    const cipher = createSafeStorageCipher(safeStorage, 'linux');
    expect(await cipher.isAvailable()).toBe(false);
    expect(cipher.backend()).toBe('unknown');
    await expect(cipher.encrypt('x')).rejects.toMatchObject({ failure: 'temporarily_unavailable' });
  });
});
