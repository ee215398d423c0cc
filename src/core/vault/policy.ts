import type { CipherBackend } from '../ports';
import type { VaultPersistence, VaultStrength } from '../../contract/view';

/**
 * Backends whose key lives in an OS keyring. `basic_text` is Chromium's hard-coded key (anyone who
 * can read the file can decrypt it); `unknown` is a backend we cannot vouch for, so it is not
 * trusted either.
 */
const strongBackends: ReadonlySet<CipherBackend> = new Set<CipherBackend>([
  'keychain',
  'dpapi',
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
]);

export function isStrongBackend(backend: CipherBackend): boolean {
  return strongBackends.has(backend);
}

export function strengthOf(available: boolean, backend: CipherBackend): VaultStrength {
  if (!available) return 'unavailable';
  return isStrongBackend(backend) ? 'strong' : 'weak';
}

/** Strong keys persist; a weak key only when the user opted in; no encryption never does. */
export function persistenceOf(strength: VaultStrength, weakAllowed: boolean): VaultPersistence {
  if (strength === 'strong') return 'persisted';
  if (strength === 'weak' && weakAllowed) return 'persisted';
  return 'memoryOnly';
}

/**
 * A blob written under a keyring backend while this run only has a weaker one (typically the
 * keyring daemon had not started yet and Chromium fell back to `basic_text`): decrypting would
 * fail, but the blob is not lost, so it is kept for a later run or a refresh.
 */
export function needsAbsentKeyring(writtenWith: CipherBackend, current: CipherBackend): boolean {
  return isStrongBackend(writtenWith) && !isStrongBackend(current);
}
