import type { AccountState } from './state';

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
      return { icon: 'signedOut', tooltip: `${productName}: waiting for your browser`, menuAction: 'cancelSignIn' };
    case 'signedIn':
      return { icon: 'signedIn', tooltip: `${productName}: signed in as ${state.profile.email}`, menuAction: 'signOut' };
    case 'expiringSoon':
      return { icon: 'attention', tooltip: `${productName}: session expiring soon`, menuAction: 'signOut' };
    case 'expired':
      return { icon: 'expired', tooltip: `${productName}: session expired`, menuAction: 'signIn' };
    case 'offline':
      return { icon: 'offline', tooltip: `${productName}: offline`, menuAction: 'signOut' };
    case 'keyringLocked':
      return { icon: 'attention', tooltip: `${productName}: waiting for the system keyring`, menuAction: 'signOut' };
  }
}
