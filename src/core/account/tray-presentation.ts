import type { AccountState } from './state';
import { statusSentence } from './status-sentence';

export type TrayIconName = 'signedOut' | 'signedIn' | 'attention' | 'expired' | 'offline';

export interface TrayPresentation {
  icon: TrayIconName;
  tooltip: string;
  /** The menu offers "Sign out" when a session exists, "Sign in…" otherwise. */
  menuAction: 'signIn' | 'signOut' | 'cancelSignIn';
}

/** Derives the tray icon, tooltip and menu action from the account state. */
export function trayPresentation(state: AccountState, productName: string): TrayPresentation {
  // The words the popover announces, so a person hears and reads the same thing everywhere.
  const tooltip = `${productName}: ${statusSentence(state)}`;
  switch (state.kind) {
    case 'starting':
      return { icon: 'signedOut', tooltip, menuAction: 'signIn' };
    case 'signedOut':
      return { icon: 'signedOut', tooltip, menuAction: 'signIn' };
    case 'signingIn':
      return { icon: 'signedOut', tooltip, menuAction: 'cancelSignIn' };
    case 'signedIn':
      return { icon: 'signedIn', tooltip, menuAction: 'signOut' };
    case 'expiringSoon':
      return { icon: 'attention', tooltip, menuAction: 'signOut' };
    case 'expired':
      return { icon: 'expired', tooltip, menuAction: 'signIn' };
    case 'offline':
      return { icon: state.trouble === 'network' ? 'offline' : 'attention', tooltip, menuAction: 'signOut' };
    case 'keyringLocked':
      return { icon: 'attention', tooltip, menuAction: 'signOut' };
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
