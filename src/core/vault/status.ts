import type { NoticeView, VaultPersistence, VaultStrength, VaultView } from '../../contract/view';
import type { CipherBackend } from '../ports';
import { vaultMessages } from './messages';
import type { SecretName } from './records';
import type { Unsaved } from './unsaved';

/** What the vault is, for the popover (its `VaultView` fields) and for diagnostics. */
export interface VaultStatus extends VaultView {
  backend: CipherBackend;
  /** safeStorage answered that it can encrypt. */
  available: boolean;
  /** A change (a write or a deletion) that should be on disk could not be made; it is retried. */
  unsaved: boolean;
  /** The one sentence the popover should show about the vault, if any. */
  notice: NoticeView | null;
}

export interface StatusFacts {
  available: boolean;
  backend: CipherBackend;
  strength: VaultStrength;
  policy: VaultPersistence;
  weakAllowed: boolean;
  /** The most pressing change that has not reached the disk, if any. */
  unsaved: Unsaved | null;
  /** A value the user has is only in memory (an unsaved write; a deletion loses nothing). */
  writePending: boolean;
  /** Where a damaged store file was set aside this run, until dismissed. */
  storeCopy: string | null;
}

/** Builds the status; the most pressing notice wins the one slot the popover has. */
export function statusOf(facts: StatusFacts): VaultStatus {
  return {
    persistence: facts.writePending ? 'memoryOnly' : facts.policy,
    strength: facts.strength,
    weakAllowed: facts.weakAllowed,
    backend: facts.backend,
    available: facts.available,
    unsaved: facts.unsaved !== null,
    notice: noticeOf(facts),
  };
}

function noticeOf(facts: StatusFacts): NoticeView | null {
  if (facts.storeCopy !== null) return { tone: 'warning', text: vaultMessages.storeReset(facts.storeCopy) };
  // A sign-out that could come back, or a disk that refuses writes, outranks the keyring's state.
  if (facts.unsaved && (facts.unsaved.change === 'delete' || facts.unsaved.cause !== 'keyring')) {
    return { tone: 'warning', text: vaultMessages.unsaved(facts.unsaved) };
  }
  if (facts.strength === 'unavailable') return { tone: 'warning', text: vaultMessages.keyringUnavailable };
  if (facts.unsaved) return { tone: 'warning', text: vaultMessages.unsaved(facts.unsaved) };
  if (facts.strength === 'weak' && !facts.weakAllowed) return { tone: 'info', text: vaultMessages.weakNotAllowed };
  return null;
}

/** Where each secret stands: presence only, never a value. */
export type SecretPlacement = 'saved' | 'memoryOnly' | 'storedNotRead' | 'absent';

export function placementOf(inMemory: boolean, onDisk: boolean): SecretPlacement {
  if (inMemory) return onDisk ? 'saved' : 'memoryOnly';
  return onDisk ? 'storedNotRead' : 'absent';
}

export interface VaultDiagnostics {
  backend: CipherBackend;
  available: boolean;
  strength: VaultStrength;
  persistence: VaultPersistence;
  weakAllowed: boolean;
  storePath: string;
  secrets: Partial<Record<SecretName, SecretPlacement>>;
  /** Secrets whose blob could never be decrypted and was kept aside. */
  setAside: SecretName[];
}

/** Plain lines for "Copy diagnostics"; the caller adds the app and Electron versions. */
export function formatDiagnostics(d: VaultDiagnostics): string {
  return [
    `Encryption backend: ${d.backend}`,
    `Encryption available: ${d.available ? 'yes' : 'no'}`,
    `Strength: ${d.strength}`,
    `Sign-in kept: ${d.persistence === 'persisted' ? 'on disk, encrypted' : 'in memory only'}`,
    `Weaker encryption allowed: ${d.weakAllowed ? 'yes' : 'no'}`,
    `Store: ${d.storePath}`,
    ...Object.entries(d.secrets).map(([name, placement]) => `Secret ${name}: ${placement}`),
    `Set aside: ${d.setAside.length > 0 ? d.setAside.join(', ') : 'none'}`,
  ].join('\n');
}
