import { product } from '../../src/contract/product';
import type { AccountItemView, AccountView, AnnouncementView, DeviceSignInView, ProfileView } from '../../src/contract/view';
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
const grace: ProfileView = { name: 'Grace Hopper', email: 'grace@example.com', image: null, initials: 'GH' };
const ada2: ProfileView = { name: 'Ada Lovelace', email: 'ada@staging.example.com', image: null, initials: 'AL' };

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
  announcement: { id: 'signedOut', text: 'Signed out.', politeness: 'polite' },
  shortcut: { accelerator: 'Alt+Shift+L', label: 'Alt+Shift+L', problem: null },
  accounts: { items: [], canAdd: false, otherServers: false, limitReached: null },
};

/** What main's view model says for a state (src/core/account/status-sentence.ts words it). */
const said = (id: string, text: string, politeness: AnnouncementView['politeness'] = 'polite'): { announcement: AnnouncementView } => ({
  announcement: { id, text, politeness },
});

/** Ada signed in and active, with one other account in the list. */
function beside(other: AccountItemView): AccountView {
  return {
    ...base,
    status: 'signedIn',
    profile: ada,
    ...said('signedIn', 'Signed in as Ada Lovelace.'),
    session: { expiresAt: at(3 * day), lastConfirmedAt: at(-2 * minute) },
    accounts: {
      items: [{ id: '0', profile: ada, server: null, status: 'signedIn', expiresAt: at(3 * day), active: true, attention: null }, other],
      canAdd: true,
      otherServers: true,
      limitReached: null,
    },
  };
}

const signedIn: AccountView = { ...base, status: 'signedIn', profile: ada, ...said('signedIn', 'Signed in as Ada Lovelace.'), session: { expiresAt: at(3 * day), lastConfirmedAt: at(-2 * minute) } };

/** One view per status (and the vault variants), as main would send them. */
export const views = {
  startingEmpty: { ...base, status: 'starting', ...said('starting', 'Checking your session.') },
  startingCached: { ...base, status: 'starting', profile: ada, ...said('starting', 'Checking your session.') },
  signedOut: base,
  signingIn: { ...base, status: 'signingIn', ...said('signingIn|scheme', 'Waiting for your browser.'), signIn: { expiresAt: at(10 * minute), via: 'scheme', loopbackAvailable: true, device: null } },
  signingInDevice: { ...base, status: 'signingIn', ...said('signingIn|device', 'Waiting for your other device.'), signIn: { expiresAt: at(9 * minute), via: 'device', loopbackAvailable: true, device } },
  signingInDeviceOffline: {
    ...base,
    status: 'signingIn',
    ...said('signingIn|device:offline', `Offline. ${product.productName} keeps trying and finishes the sign-in when it is back.`),
    signIn: { expiresAt: at(4 * minute), via: 'device', loopbackAvailable: true, device: { ...device, trouble: 'offline' } },
  },
  signedIn,
  /** One account, and another may be added: on its server, or on a server the user types. */
  signedInAdding: { ...signedIn, accounts: { items: [], canAdd: true, otherServers: true, limitReached: null } },
  expiringSoon: {
    ...base,
    status: 'expiringSoon',
    profile: ada,
    ...said('expiringSoon|7200000', 'Your session ends in 2 hours. Your session ends soon. Renew it to stay signed in.'),
    session: { expiresAt: at(2 * hour), lastConfirmedAt: at(-minute) },
    notice: { tone: 'warning', text: 'Your session ends soon. Renew it to stay signed in.' },
  },
  updateReady: {
    ...base,
    status: 'signedIn',
    profile: ada,
    ...said('signedIn|update:0.2.0', `Signed in as Ada Lovelace. ${product.productName} 0.2.0 is ready: restart to update.`),
    session: { expiresAt: at(3 * day), lastConfirmedAt: at(-2 * minute) },
    update: { ...base.update, ready: { version: '0.2.0', releaseNotesUrl: 'https://github.com/latchkey-dev/latchkey/releases/tag/v0.2.0' }, lastCheckedAt: at(-minute) },
  },
  expired: { ...base, status: 'expired', profile: ada, ...said('expired|Your session has ended.', 'Session expired — sign in again. Your session has ended.', 'assertive'), notice: { tone: 'error', text: 'Your session has ended.' } },
  offline: { ...base, status: 'offline', profile: ada, ...said('offline', `Offline. ${product.productName} keeps your session and retries.`), session: { expiresAt: at(3 * day), lastConfirmedAt: at(-5 * minute) } },
  keyringLocked: { ...base, status: 'keyringLocked', profile: ada, ...said('keyringLocked', 'Waiting for your system keyring.') },
  accountsTwo: beside({ id: '1', profile: grace, server: null, status: 'signedIn', expiresAt: at(6 * day), active: false, attention: null }),
  accountsThreeOnTwoServers: {
    ...base,
    status: 'signedIn',
    profile: grace,
    ...said('signedIn', 'Signed in as Grace Hopper.'),
    session: { expiresAt: at(6 * day), lastConfirmedAt: at(-minute) },
    accounts: {
      items: [
        { id: '0', profile: ada, server: 'auth.example.com', status: 'signedIn', expiresAt: at(3 * day), active: false, attention: null },
        { id: '1', profile: grace, server: 'auth.example.com', status: 'signedIn', expiresAt: at(6 * day), active: true, attention: null },
        { id: '2', profile: ada2, server: 'auth.staging.example.com', status: 'signedIn', expiresAt: at(20 * hour), active: false, attention: null },
      ],
      canAdd: true,
      otherServers: true,
      limitReached: null,
    },
  },
  accountsAttention: beside({ id: '1', profile: grace, server: null, status: 'expired', expiresAt: null, active: false, attention: 'Session expired' }),
  vaultWeak: { ...base, vault: { persistence: 'memoryOnly', strength: 'weak', weakAllowed: false } },
  vaultUnavailable: { ...base, vault: { persistence: 'memoryOnly', strength: 'unavailable', weakAllowed: false } },
} satisfies Record<string, AccountView>;

export type ViewName = keyof typeof views;
