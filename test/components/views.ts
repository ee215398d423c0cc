import type { AccountView, DeviceSignInView, ProfileView } from '../../src/contract/view';
import { qrModules } from '../../src/core/device/device-qr';

/** A fixed "now" for every fixture: the relative times below are measured from it. */
export const now = Date.parse('2026-11-23T10:00:00Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();
const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** What BetterAuth's device plugin issues: an 8-letter code without look-alikes, and its page. */
export const deviceCode = {
  userCode: 'WDJB-MJHT',
  verificationUri: 'https://auth.example.com/device',
  complete: 'https://auth.example.com/device?user_code=WDJBMJHT',
};
const device: DeviceSignInView = {
  userCode: deviceCode.userCode,
  verificationUri: deviceCode.verificationUri,
  qr: await qrModules(deviceCode.complete),
  trouble: null,
};

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
  update: { ready: null, restartWaiting: false, activity: 'idle', supported: true, channel: 'stable', problem: null, lastCheckedAt: null },
};

/** One view per status (and the vault variants), as main would send them. */
export const views = {
  startingEmpty: { ...base, status: 'starting' },
  startingCached: { ...base, status: 'starting', profile: ada },
  signedOut: base,
  signingIn: { ...base, status: 'signingIn', signIn: { expiresAt: at(10 * minute), via: 'scheme', loopbackAvailable: true, device: null } },
  signingInDevice: { ...base, status: 'signingIn', signIn: { expiresAt: at(9 * minute), via: 'device', loopbackAvailable: true, device } },
  signingInDeviceOffline: {
    ...base,
    status: 'signingIn',
    signIn: { expiresAt: at(4 * minute), via: 'device', loopbackAvailable: true, device: { ...device, trouble: 'offline' } },
  },
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
  updateReady: {
    ...base,
    status: 'signedIn',
    profile: ada,
    session: { expiresAt: at(3 * day), lastConfirmedAt: at(-2 * minute) },
    update: { ...base.update, ready: { version: '0.2.0', releaseNotesUrl: 'https://github.com/latchkey-dev/latchkey/releases/tag/v0.2.0' }, lastCheckedAt: at(-minute) },
  },
  vaultWeak: { ...base, vault: { persistence: 'memoryOnly', strength: 'weak', weakAllowed: false } },
  vaultUnavailable: { ...base, vault: { persistence: 'memoryOnly', strength: 'unavailable', weakAllowed: false } },
} satisfies Record<string, AccountView>;

export type ViewName = keyof typeof views;
