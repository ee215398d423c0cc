import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { contextMenuMode, type TrayPresentation } from '../../core/account/tray-presentation';
import type { ElectronApi, TrayApi } from '../electron-api';

export interface TrayMenuActions {
  open(): void;
  signIn(): void;
  signOut(): void;
  cancelSignIn(): void;
  setOpenAtLogin(enabled: boolean): void;
  quit(): void;
}

export interface TrayMenuState {
  presentation: TrayPresentation;
  openAtLogin: { supported: boolean; enabled: boolean };
}

const actionLabels = { signIn: 'Sign in…', signOut: 'Sign out', cancelSignIn: 'Cancel sign-in' } as const;

/** The context menu, the same on every OS; on Linux it is the dependable way in. */
export function trayMenuTemplate(state: TrayMenuState, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  const { menuAction } = state.presentation;
  return [
    { label: 'Open Latchkey', click: () => actions.open() },
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
    // No `role: 'quit'`: a role replaces `click`, and quitting goes through the app's own path.
    { label: 'Quit Latchkey', click: () => actions.quit() },
  ];
}

/** The file for an icon: template images on macOS, PNG on Linux, ICO on Windows. */
export function trayIconPath(staticDir: string, icon: TrayPresentation['icon'], platform: NodeJS.Platform): string {
  if (platform === 'darwin') return join(staticDir, 'tray', `${icon}Template.png`);
  if (platform === 'win32') return join(staticDir, 'tray', `${icon}.ico`);
  return join(staticDir, 'tray', `${icon}.png`);
}

export interface AppTray {
  readonly tray: TrayApi;
  render(state: TrayMenuState): void;
}

export function createTray(
  electron: Pick<ElectronApi, 'Tray' | 'Menu' | 'nativeImage'>,
  staticDir: string,
  platform: NodeJS.Platform,
  actions: TrayMenuActions & { toggle(): void },
): AppTray {
  const image = (icon: TrayPresentation['icon']) =>
    electron.nativeImage.createFromPath(trayIconPath(staticDir, icon, platform));
  const tray = new electron.Tray(image('signedOut'));
  tray.on('click', () => actions.toggle());
  const mode = contextMenuMode(platform);
  let menu: Electron.Menu | null = null;
  if (mode === 'rightClick') {
    tray.on('right-click', () => {
      if (menu) tray.popUpContextMenu(menu);
    });
  }
  let lastIcon: string | null = null;
  return {
    tray,
    render(state) {
      if (state.presentation.icon !== lastIcon) {
        tray.setImage(image(state.presentation.icon));
        lastIcon = state.presentation.icon;
      }
      tray.setToolTip(state.presentation.tooltip);
      menu = electron.Menu.buildFromTemplate(trayMenuTemplate(state, actions));
      if (mode === 'attached') tray.setContextMenu(menu);
    },
  };
}
