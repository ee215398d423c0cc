import type { CommandHandlers } from '../contract/commands';
import { done } from '../contract/outcome';
import type { OpenAtLogin } from '../core/login-items/open-at-login';
import type { Vault } from '../core/vault/vault';
import type { PopoverWindow } from './adapters/popover-window';
import type { ElectronApi } from './electron-api';
import type { LogFiles } from './log-files';
import type { SelfTestWiring } from './self-test-wiring';
import type { TrayTheme } from './wire-tray-theme';

/** The popover's commands that leave the account alone: settings, its own window, quitting. */
export type SettingsCommandName =
  | 'allowWeakEncryption'
  | 'setOpenAtLogin'
  | 'setTrayPanel'
  | 'openLoginItemSettings'
  | 'copyDiagnostics'
  | 'hidePopover'
  | 'fitPopover'
  | 'openLogsFolder'
  | 'quit';

export interface SettingsCommandDeps {
  electron: Pick<ElectronApi, 'app' | 'clipboard'>;
  vault: Vault;
  openAtLogin: OpenAtLogin;
  trayTheme: TrayTheme;
  selfTest: SelfTestWiring;
  logFiles: Pick<LogFiles, 'openFolder'>;
  /** The popover window, once it exists. */
  popover(): PopoverWindow | null;
}

/** Handlers for the settings panel and the popover window, each a thin call into its owner. */
export function settingsCommands(deps: SettingsCommandDeps): Pick<CommandHandlers, SettingsCommandName> {
  const { electron, vault, openAtLogin, trayTheme } = deps;
  return {
    allowWeakEncryption: async ({ allow }) => {
      await vault.setWeakAllowed(allow);
      return done;
    },
    setOpenAtLogin: ({ enabled }) => openAtLogin.set(enabled),
    setTrayPanel: ({ panel }) => {
      trayTheme.setPanel(panel);
      return done;
    },
    openLoginItemSettings: () => openAtLogin.openSystemSettings(),
    copyDiagnostics: async () => {
      await electron.clipboard.writeText(await deps.selfTest.diagnostics(vault.diagnostics()));
      return done;
    },
    hidePopover: () => {
      deps.popover()?.hide();
      return done;
    },
    fitPopover: ({ height }) => ({ height: deps.popover()?.fit(height) ?? height }),
    openLogsFolder: () => deps.logFiles.openFolder(),
    quit: () => {
      electron.app.quit();
      return done;
    },
  };
}
