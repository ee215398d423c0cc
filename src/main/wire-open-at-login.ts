import { loginLaunchCommand, type LaunchTarget } from '../core/login-items/launch-command';
import { OpenAtLogin } from '../core/login-items/open-at-login';
import type { Logger, LoginItems, LoginItemStatus } from '../core/ports';
import { createLoginItems } from './adapters/login-items';
import type { ElectronApi } from './electron-api';

export interface OpenAtLoginWiringDeps {
  electron: Pick<ElectronApi, 'app' | 'shell'>;
  platform: NodeJS.Platform;
  productName: string;
  appId: string;
  launch: { target: LaunchTarget; argv: readonly string[]; env: Record<string, string | undefined>; windowsStore?: boolean };
  logger: Logger;
  /** The status as last read from the OS changed: redraw the tray menu and the popover. */
  onChange(status: LoginItemStatus): void;
}

/**
 * The OS's login items (SMAppService, the Run key, an XDG autostart entry) and the open-at-login
 * switch over them. Nothing here reads the OS yet: the start does that once the tray is up.
 */
export function wireOpenAtLogin(deps: OpenAtLoginWiringDeps): { loginItems: LoginItems; openAtLogin: OpenAtLogin } {
  const { electron, platform, launch } = deps;
  const loginItems = createLoginItems({
    app: electron.app,
    shell: electron.shell,
    platform,
    command: loginLaunchCommand(launch.target),
    argv: launch.argv,
    productName: deps.productName,
    appId: deps.appId,
    env: launch.env,
    windowsStore: launch.windowsStore,
  });
  const openAtLogin = new OpenAtLogin({ loginItems, logger: deps.logger, productName: deps.productName, onChange: deps.onChange });
  return { loginItems, openAtLogin };
}
