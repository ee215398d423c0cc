import type { AccountListView, AccountView, OpenAtLoginView, ProfileView, ShortcutView, TrayIconView, UpdateView, VaultView } from '../../contract/view';
import type { AccountState, Notice, Profile } from './state';
import { troubleNotices } from './messages';
import { announcementOf } from './status-sentence';

export interface ViewContext {
  vault: VaultView;
  openAtLogin: OpenAtLoginView;
  loopbackAvailable: boolean;
  appVersion: string;
  trayIcon: TrayIconView;
  update: UpdateView;
  shortcut: ShortcutView;
}

/** What holds at the moment of rendering: the time, and a notice from outside the account (the vault's). */
export interface ViewMoment {
  now: number;
  /** Shown when the state has no notice of its own. */
  otherNotice: Notice | null;
  /** The other accounts, when the app holds several. @default only this one */
  accounts?: AccountListView;
}

/** The list of one account: nothing beside the panel, and no way to add another yet. */
export const singleAccountList: AccountListView = { items: [], canAdd: false, otherServers: false, limitReached: null };

export function initialsOf(name: string, email: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters =
    words.length >= 2 ? [words[0]!, words[words.length - 1]!].map((w) => [...w][0]) : [[...(words[0] ?? email)][0]];
  return letters.join('').toUpperCase() || '?';
}

export function profileView(profile: Profile | null): ProfileView | null {
  if (!profile) return null;
  const image = profile.image && /^https?:\/\//iu.test(profile.image) ? profile.image : null;
  return { name: profile.name, email: profile.email, image, initials: initialsOf(profile.name, profile.email) };
}

/** Groups of four for reading aloud (`WDJBMJHT` → `WDJB-MJHT`); a code with its own dashes is kept. */
export function groupedUserCode(code: string): string {
  if (code.includes('-') || code.length <= 5) return code;
  return (code.match(/.{1,4}/gu) ?? [code]).join('-');
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** Derives what the popover shows from the account state. Pure; called on every change. */
export function toAccountView(state: AccountState, context: ViewContext, moment: ViewMoment): AccountView {
  const shown = stateView(state, context);
  const notice = shown.notice ?? moment.otherNotice;
  return {
    ...shown,
    notice,
    announcement: announcementOf(state, notice, moment.now, context.update.ready?.version ?? null),
    accounts: moment.accounts ?? singleAccountList,
  };
}

function stateView(state: AccountState, context: ViewContext): Omit<AccountView, 'announcement' | 'accounts'> {
  const base = {
    status: state.kind,
    profile: state.kind === 'signedOut' ? null : profileView(state.profile),
    session: null,
    signIn: null,
    notice: null,
    vault: context.vault,
    openAtLogin: context.openAtLogin,
    appVersion: context.appVersion,
    trayIcon: context.trayIcon,
    update: context.update,
    shortcut: context.shortcut,
  } satisfies Omit<AccountView, 'announcement' | 'accounts'>;
  switch (state.kind) {
    case 'starting':
    case 'keyringLocked':
      return base;
    case 'signedOut':
    case 'expired':
      return { ...base, notice: state.notice };
    case 'signingIn':
      return {
        ...base,
        notice: state.notice,
        signIn: {
          expiresAt: new Date(state.attemptExpiresAt).toISOString(),
          via: state.via,
          loopbackAvailable: context.loopbackAvailable,
          device: state.device && {
            userCode: groupedUserCode(state.device.userCode),
            verificationUri: state.device.verificationUri,
            qr: state.device.qr,
            trouble: state.device.trouble,
          },
        },
      };
    case 'signedIn':
    case 'expiringSoon':
    case 'offline':
      return {
        ...base,
        notice: state.kind === 'offline' && state.trouble !== 'network' ? troubleNotices[state.trouble] : null,
        session: { expiresAt: new Date(state.expiresAt).toISOString(), lastConfirmedAt: iso(state.lastConfirmedAt) },
      };
  }
}
