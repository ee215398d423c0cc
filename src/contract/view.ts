/**
 * The account view model: everything the popover may know. It never carries a token, a verifier
 * or a sign-in code; the renderer only ever renders this and sends intents back.
 */
export const accountStatuses = ['starting', 'signedOut', 'signingIn', 'signedIn', 'expiringSoon', 'expired', 'offline', 'keyringLocked'] as const;

export type AccountStatus = (typeof accountStatuses)[number];

export interface ProfileView {
  name: string;
  email: string;
  /** An http(s) avatar URL, or null to show initials. */
  image: string | null;
  initials: string;
}

export type NoticeTone = 'info' | 'warning' | 'error';

export interface NoticeView {
  tone: NoticeTone;
  text: string;
}

export interface SignInView {
  /** ISO 8601: when the pending attempt gives up. */
  expiresAt: string;
  /** How the sign-in comes back: through the browser (scheme, loopback) or from another device. */
  via: 'scheme' | 'loopback' | 'device';
  /** Whether the loopback alternative can be offered. */
  loopbackAvailable: boolean;
  /** Sign-in with another device (RFC 8628): what to type or scan there; null for the browser ways. */
  device: DeviceSignInView | null;
}

export interface DeviceSignInView {
  /** The user code in groups for reading aloud, e.g. `WDJB-MJHT`. */
  userCode: string;
  /** The address to type on the other device. */
  verificationUri: string;
  /** The QR code of the address with the code in it. */
  qr: QrView;
  /** Why polling is failing, when it is: the device is offline, or the server has a problem. */
  trouble: DeviceTrouble | null;
}

/**
 * `certificate`: the server's certificate was refused (an intercepting proxy, an expired one);
 * `attention`: something on the way answered instead of the server (a captive portal).
 */
export type DeviceTrouble = 'offline' | 'server' | 'certificate' | 'attention';

export interface SessionView {
  /** ISO 8601, from the server. */
  expiresAt: string;
  /** ISO 8601: when the server last confirmed the session, or null if never this run. */
  lastConfirmedAt: string | null;
}

export type VaultPersistence = 'persisted' | 'memoryOnly';
export type VaultStrength = 'strong' | 'weak' | 'unavailable';

export interface VaultView {
  persistence: VaultPersistence;
  strength: VaultStrength;
  /** The user chose to keep the token under a weak (hard-coded key) cipher. */
  weakAllowed: boolean;
}

/** Linux: what the panel behind the tray icon looks like, for when the system cannot say. */
export type TrayPanel = 'auto' | 'light' | 'dark';
export const trayPanels: readonly TrayPanel[] = ['auto', 'light', 'dark'];

export interface TrayIconView {
  /** Only where no API tells the panel's colour (Linux). */
  overridable: boolean;
  panel: TrayPanel;
}

export interface OpenAtLoginView {
  supported: boolean;
  enabled: boolean;
  /** macOS 13+: the user must approve the login item in System Settings. */
  requiresApproval: boolean;
}

/** The update feeds a user can follow (a setting); stable is the default. */
export const updateChannels = ['stable', 'beta'] as const;
export type UpdateChannel = (typeof updateChannels)[number];

export interface UpdateView {
  /** A downloaded, verified update that a restart installs; null while there is none. */
  ready: { version: string; releaseNotesUrl: string | null } | null;
  /** The user asked to restart, and the restart waits for the sign-in under way to end. */
  restartWaiting: boolean;
  /** What the updater is doing in the background; offline, a check waits for the network. */
  activity: 'idle' | 'waitingForNetwork' | 'checking' | 'downloading';
  /** False where this copy cannot update itself (a checkout, an AppImage run unpacked). */
  supported: boolean;
  channel: UpdateChannel;
  /** Why the last check or download failed, for Settings only; null when it went well. */
  problem: string | null;
  /** ISO 8601: when the feed last answered, or null if not this run. */
  lastCheckedAt: string | null;
}

export interface AccountView {
  status: AccountStatus;
  profile: ProfileView | null;
  session: SessionView | null;
  signIn: SignInView | null;
  notice: NoticeView | null;
  vault: VaultView;
  openAtLogin: OpenAtLoginView;
  appVersion: string;
  trayIcon: TrayIconView;
  update: UpdateView;
  /** What the popover's live region says about this view; the tray's tooltip uses the same words. */
  announcement: AnnouncementView;
  shortcut: ShortcutView;
  /** Every account the app holds and which one is active; the fields above are the active one's. */
  accounts: AccountListView;
}

/** The accounts beside the active one, and whether another may be added. */
export interface AccountListView {
  /** Every account, the active one marked; empty while there is only one (the panel says it all). */
  items: AccountItemView[];
  /** "Add another account" is offered: the active account is signed in and the limit is not reached. */
  canAdd: boolean;
  /** With canAdd: an account may be added on a server typed by the user (false when the build pins its server). */
  otherServers: boolean;
  /** Why no more accounts can be added, once the limit is reached; null otherwise. */
  limitReached: string | null;
}

export interface AccountItemView {
  /** Names the account in commands (selectAccount, signOutAccount); not a secret. */
  id: string;
  profile: ProfileView;
  /** The server's host, only when the accounts are on more than one server. */
  server: string | null;
  status: AccountStatus;
  /** ISO 8601: when its session ends, when it has one. */
  expiresAt: string | null;
  active: boolean;
  /** Why it needs attention (ending soon, expired, revoked, keyring locked), or null. */
  attention: string | null;
}

/**
 * One sentence about where the account stands ("Signed in as Ada Lovelace"), with any notice after
 * it. The popover says it when `id` changes, so a re-sent view with the same meaning stays quiet.
 */
export interface AnnouncementView {
  id: string;
  text: string;
  /** `assertive` when the sentence reports an error (an error notice); it interrupts then. */
  politeness: 'polite' | 'assertive';
}

/** The global shortcut that opens the popover from anywhere. */
export interface ShortcutView {
  /** Electron's accelerator ("Alt+Shift+L"), or null when there is none. */
  accelerator: string | null;
  /** The same, as this OS writes it ("Control+Command+L" on macOS). */
  label: string | null;
  /** Why the chosen shortcut does not work, e.g. another app holds it; null when it does. */
  problem: string | null;
}

/**
 * A QR code as plain data, made in main: modules per side (quiet zone included) and one SVG path of
 * the dark modules, written only with M, h, v and z. The popover draws it with its own elements.
 */
export interface QrView {
  size: number;
  path: string;
}

/** Exactly the paths main writes; the popover draws nothing else. */
export const qrPathPattern = /^(?:M\d{1,3} \d{1,3}h\d{1,3}v1h-\d{1,3}z)*$/u;
