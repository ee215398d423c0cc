import type { DevicePending, SignInVia } from './ports';
import type { Trouble } from '../session/server-answer';

/**
 * The account state: the client's one idea of where the user stands. The tray icon, its tooltip,
 * its menu and the popover all derive from this union; nothing else holds account status.
 */
export interface Profile {
  id: string;
  name: string;
  email: string;
  image: string | null;
}

export interface Notice {
  tone: 'info' | 'warning' | 'error';
  text: string;
}

export type AccountState =
  /** Reading the vault at start; the cached profile, if any, is already shown. */
  | { kind: 'starting'; profile: Profile | null }
  | { kind: 'signedOut'; notice: Notice | null }
  | {
      kind: 'signingIn';
      /** Epoch ms at which the pending attempt gives up. */
      attemptExpiresAt: number;
      via: SignInVia;
      /** A device sign-in's code, address and QR code; null for the browser ways. */
      device: DevicePending | null;
      /** The account shown before the attempt began (a renewal), dimmed while it runs. */
      profile: Profile | null;
      notice: Notice | null;
    }
  | { kind: 'signedIn'; profile: Profile; expiresAt: number; lastConfirmedAt: number }
  | {
      kind: 'expiringSoon';
      profile: Profile;
      expiresAt: number;
      lastConfirmedAt: number;
      /** The threshold (ms before expiry) that was crossed. */
      threshold: number;
    }
  | { kind: 'expired'; profile: Profile | null; notice: Notice }
  /** The session is kept, but the server could not be asked; `trouble` says what stood in the way. */
  | { kind: 'offline'; profile: Profile; expiresAt: number; lastConfirmedAt: number | null; trouble: Trouble }
  /** A token exists but the keyring is locked for now (common right after login). */
  | { kind: 'keyringLocked'; profile: Profile | null };

export type AccountKind = AccountState['kind'];

export function profileOf(state: AccountState): Profile | null {
  switch (state.kind) {
    case 'signedOut':
      return null;
    default:
      return state.profile;
  }
}
