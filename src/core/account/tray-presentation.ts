import type { Trouble } from '../session/server-answer';
import type { AccountState } from './state';

const troubleTooltips: Record<Exclude<Trouble, 'network'>, string> = {
  timeout: 'the sign-in server is not answering',
  tls: "the sign-in server's certificate is not trusted",
  attention: 'the network needs attention',
  server: 'the sign-in server is having trouble',
};

export type TrayIconName = 'signedOut' | 'signedIn' | 'attention' | 'expired' | 'offline';

export interface TrayPresentation {
  icon: TrayIconName;
  tooltip: string;
  /** The menu offers "Sign out" when a session exists, "Sign in…" otherwise. */
  menuAction: 'signIn' | 'signOut' | 'cancelSignIn';
}

/** Derives the tray icon, tooltip and menu action from the account state. */
export function trayPresentation(state: AccountState, productName: string): TrayPresentation {
  switch (state.kind) {
    case 'starting':
      return { icon: 'signedOut', tooltip: `${productName}: starting…`, menuAction: 'signIn' };
    case 'signedOut':
      return { icon: 'signedOut', tooltip: `${productName}: signed out`, menuAction: 'signIn' };
    case 'signingIn':
      return { icon: 'signedOut', tooltip: `${productName}: waiting for ${state.via === 'device' ? 'your other device' : 'your browser'}`, menuAction: 'cancelSignIn' };
    case 'signedIn':
      return { icon: 'signedIn', tooltip: `${productName}: signed in as ${state.profile.email}`, menuAction: 'signOut' };
    case 'expiringSoon':
      return { icon: 'attention', tooltip: `${productName}: session expiring soon for ${state.profile.email}`, menuAction: 'signOut' };
    case 'expired':
      return { icon: 'expired', tooltip: `${productName}: session expired`, menuAction: 'signIn' };
    case 'offline':
      // "Offline" only when the network is missing: a refused certificate or a portal is not that.
      return state.trouble === 'network'
        ? { icon: 'offline', tooltip: `${productName}: offline, signed in as ${state.profile.email}`, menuAction: 'signOut' }
        : { icon: 'attention', tooltip: `${productName}: ${troubleTooltips[state.trouble]}, signed in as ${state.profile.email}`, menuAction: 'signOut' };
    case 'keyringLocked':
      return { icon: 'attention', tooltip: `${productName}: waiting for the system keyring`, menuAction: 'signOut' };
  }
}

/** Every icon the tray may show; static/tray holds each in every OS's format. */
export const trayIconNames: readonly TrayIconName[] = ['signedOut', 'signedIn', 'attention', 'expired', 'offline'];

/**
 * How the context menu is reached. On macOS an attached menu takes over the left click, so the
 * popover could never open from the icon (electron/electron#7983, #24196): there the menu pops up
 * on a right click instead. Linux's StatusNotifier tray can only show an attached menu (there is no
 * popUpContextMenu), and it is the dependable way in when `click` never arrives. Windows handles an
 * attached menu on the right click and keeps the left click for us.
 */
export function contextMenuMode(platform: NodeJS.Platform): 'attached' | 'rightClick' {
  return platform === 'darwin' ? 'rightClick' : 'attached';
}
