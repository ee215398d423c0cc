import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { contextMenuMode, type TrayPresentation } from '../../core/account/tray-presentation';
import { trayIconFile, type TrayIconVariant } from '../../core/account/tray-icon-theme';
import type { ElectronApi, TrayApi } from '../electron-api';
import type { AccountItemView } from '../../contract/view';
import type { AccountSlot } from '../../core/vault/records';

export interface TrayMenuActions {
  open(): void;
  signIn(): void;
  signOut(): void;
  cancelSignIn(): void;
  setOpenAtLogin(enabled: boolean): void;
  restartToUpdate(): void;
  quit(): void;
  selectAccount(slot: AccountSlot): void;
}

export interface TrayMenuState {
  presentation: TrayPresentation;
  openAtLogin: { supported: boolean; enabled: boolean };
  /** A downloaded update: the menu offers the restart that installs it. */
  update?: { version: string } | null;
  /** With several accounts: each one, the active one checked, those needing attention marked. */
  accounts?: readonly AccountItemView[];
}

function accountItems(accounts: readonly AccountItemView[], actions: TrayMenuActions): MenuItemConstructorOptions[] {
  if (accounts.length === 0) return [];
  return [
    ...accounts.map(
      (account): MenuItemConstructorOptions => ({
        label: `${account.profile.email}${account.server ? ` (${account.server})` : ''}${account.attention ? ` — ${account.attention}` : ''}`,
        type: 'radio',
        checked: account.active,
        click: () => actions.selectAccount(Number(account.id) as AccountSlot),
      }),
    ),
    { type: 'separator' },
  ];
}

const actionLabels = { signIn: 'Sign in…', signOut: 'Sign out', cancelSignIn: 'Cancel sign-in' } as const;

/** The context menu, the same on every OS; on Linux it is the dependable way in. */
export function trayMenuTemplate(state: TrayMenuState, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  const { menuAction } = state.presentation;
  return [
    { label: 'Open Latchkey', click: () => actions.open() },
    ...accountItems(state.accounts ?? [], actions),
    { label: actionLabels[menuAction], click: () => actions[menuAction]() },
    { type: 'separator' },
    {
      label: 'Open at Login',
      type: 'checkbox',
      checked: state.openAtLogin.enabled,
      enabled: state.openAtLogin.supported,
      click: (item) => actions.setOpenAtLogin(item.checked),
    },
    { type: 'separator' },
    ...(state.update ? [{ label: `Restart to Update (${state.update.version})`, click: () => actions.restartToUpdate() }] : []),
    // No `role: 'quit'`: a role replaces `click`, and quitting goes through the app's own path.
    { label: 'Quit Latchkey', click: () => actions.quit() },
  ];
}

export interface AppTray {
  readonly tray: TrayApi;
  render(state: TrayMenuState): void;
  /** Shows the icon's drawing for the panel behind it (see the core's trayIconVariant). */
  setVariant(variant: TrayIconVariant): void;
}

export function createTray(
  electron: Pick<ElectronApi, 'Tray' | 'Menu' | 'nativeImage'>,
  staticDir: string,
  platform: NodeJS.Platform,
  initialVariant: TrayIconVariant,
  actions: TrayMenuActions & { toggle(): void },
): AppTray {
  let variant = initialVariant;
  const image = (icon: TrayPresentation['icon']) =>
    electron.nativeImage.createFromPath(join(staticDir, 'tray', trayIconFile(icon, variant, platform)));
  let icon: TrayPresentation['icon'] = 'signedOut';
  const tray = new electron.Tray(image(icon));
  tray.on('click', () => actions.toggle());
  const mode = contextMenuMode(platform);
  let menu: Electron.Menu | null = null;
  if (mode === 'rightClick') {
    tray.on('right-click', () => {
      if (menu) tray.popUpContextMenu(menu);
    });
  }
  return {
    tray,
    setVariant(next) {
      if (next === variant) return;
      variant = next;
      tray.setImage(image(icon));
    },
    render(state) {
      if (state.presentation.icon !== icon) {
        icon = state.presentation.icon;
        tray.setImage(image(icon));
      }
      tray.setToolTip(state.presentation.tooltip);
      menu = electron.Menu.buildFromTemplate(trayMenuTemplate(state, actions));
      if (mode === 'attached') tray.setContextMenu(menu);
    },
  };
}
