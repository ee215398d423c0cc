import type { AccountView, ProfileView } from '../../src/contract/view';

/** A fixed "now" for every fixture: the relative times below are measured from it. */
export const now = Date.parse('2026-11-23T10:00:00Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export const ada: ProfileView = { name: 'Ada Lovelace', email: 'ada@example.com', image: null, initials: 'AL' };

const base: AccountView = {
  status: 'signedOut',
  profile: null,
  session: null,
  signIn: null,
  notice: null,
  vault: { persistence: 'persisted', strength: 'strong', weakAllowed: false },
  openAtLogin: { supported: true, enabled: false, requiresApproval: false },
  appVersion: '0.1.0',
  trayIcon: { overridable: false, panel: 'auto' },
};

/** One view per status (and the vault variants), as main would send them. */
export const views = {
  startingEmpty: { ...base, status: 'starting' },
  startingCached: { ...base, status: 'starting', profile: ada },
  signedOut: base,
  signingIn: { ...base, status: 'signingIn', signIn: { expiresAt: at(10 * minute), via: 'scheme', loopbackAvailable: true } },
  signedIn: { ...base, status: 'signedIn', profile: ada, session: { expiresAt: at(3 * day), lastConfirmedAt: at(-2 * minute) } },
  expiringSoon: {
    ...base,
    status: 'expiringSoon',
    profile: ada,
    session: { expiresAt: at(2 * hour), lastConfirmedAt: at(-minute) },
    notice: { tone: 'warning', text: 'Your session ends soon. Renew it to stay signed in.' },
  },
  expired: { ...base, status: 'expired', profile: ada, notice: { tone: 'error', text: 'Your session has ended.' } },
  offline: { ...base, status: 'offline', profile: ada, session: { expiresAt: at(3 * day), lastConfirmedAt: at(-5 * minute) } },
  keyringLocked: { ...base, status: 'keyringLocked', profile: ada },
  vaultWeak: { ...base, vault: { persistence: 'memoryOnly', strength: 'weak', weakAllowed: false } },
  vaultUnavailable: { ...base, vault: { persistence: 'memoryOnly', strength: 'unavailable', weakAllowed: false } },
} satisfies Record<string, AccountView>;

export type ViewName = keyof typeof views;
