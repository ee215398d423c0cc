import { messages } from './messages';
import type { CachedAccount, PendingSignIn, SecretRead } from './ports';
import type { AccountState, Notice, Profile } from './state';
import type { ExpiryPhase } from '../session/expiry';
import type { Trouble } from '../session/server-answer';

/**
 * The states the account moves to, built from what it knows. Pure: the account decides when to
 * move, these say where to.
 */

/** A sign-in under way: the attempt's deadline and way, and for a device sign-in its code. */
export function signingInState(pending: PendingSignIn, profile: Profile | null, notice: Notice | null): AccountState {
  return { kind: 'signingIn', attemptExpiresAt: pending.expiresAt, via: pending.via, device: pending.device ?? null, profile, notice };
}

/** At start, when the vault gave no token: locked for now, lost for good, or never there. */
export function stateWithoutToken(read: Exclude<SecretRead['kind'], 'value'>, cached: CachedAccount | null): AccountState {
  switch (read) {
    case 'locked':
      return { kind: 'keyringLocked', profile: cached?.profile ?? null };
    case 'lost':
      return { kind: 'signedOut', notice: { tone: 'warning', text: messages.tokenLost } };
    case 'none':
      return cached
        ? { kind: 'expired', profile: cached.profile, notice: { tone: 'warning', text: messages.sessionExpired } }
        : { kind: 'signedOut', notice: null };
  }
}

/** A session still running, as the server's stated time left and the last server check say. */
export function sessionState(cached: CachedAccount, phase: Exclude<ExpiryPhase, { kind: 'expired' }>, trouble: Trouble | null, now: number): AccountState {
  const { profile, expiresAt, lastConfirmedAt } = cached;
  if (trouble) return { kind: 'offline', profile, expiresAt, lastConfirmedAt, trouble };
  if (phase.kind === 'expiringSoon') return { kind: 'expiringSoon', profile, expiresAt, lastConfirmedAt: lastConfirmedAt ?? now, threshold: phase.threshold };
  return { kind: 'signedIn', profile, expiresAt, lastConfirmedAt: lastConfirmedAt ?? now };
}
