import type { LoginItemStatus } from '../ports';

/**
 * The fields of Electron's `LoginItemSettings` we read, declared here so the core stays free of
 * Electron; Electron's own type is assignable to it.
 */
export interface OsLoginItemSettings {
  openAtLogin: boolean;
  /** macOS 13+ (SMAppService): not-registered, enabled, requires-approval or not-found. */
  status?: string | undefined;
  /** Windows: the Run entry exists and is not switched off in Task Manager or Settings. */
  executableWillLaunchAtLogin?: boolean | undefined;
}

/**
 * What the OS says about our login item on macOS and Windows.
 *
 * macOS 13+: only `enabled` launches. `requires-approval` is what a fresh registration may get,
 * and also what the user gets by switching us off in System Settings; either way we will not
 * start until they allow it there, so it reads as off with a way to System Settings.
 * `not-found` is what a never-registered app reports (https://github.com/mihomo-party-org/clash-party/pull/2128).
 * Before macOS 13 there is no status and `openAtLogin` is the answer.
 *
 * Windows: `openAtLogin` ignores the StartupApproved key that Task Manager writes when the user
 * disables a startup app (https://github.com/electron/electron/issues/20122), so the entry
 * must also be one that will launch.
 */
export function osLoginItemStatus(platform: 'darwin' | 'win32', settings: OsLoginItemSettings): LoginItemStatus {
  if (platform === 'darwin') {
    const enabled = settings.status === undefined ? settings.openAtLogin : settings.status === 'enabled';
    return { supported: true, enabled, requiresApproval: settings.status === 'requires-approval' };
  }
  return {
    supported: true,
    enabled: settings.openAtLogin && settings.executableWillLaunchAtLogin !== false,
    requiresApproval: false,
  };
}

/**
 * Where the user manages login items. On macOS, SMAppService.openSystemSettingsLoginItems()
 * does nothing for a menu-bar (LSUIElement) app and Electron does not expose it anyway; the URL
 * opens the pane reliably (https://github.com/nghialuong/Lidless/pull/5).
 */
export function loginItemSettingsUrl(platform: NodeJS.Platform): string | null {
  if (platform === 'darwin') return 'x-apple.systempreferences:com.apple.LoginItems-Settings.extension';
  if (platform === 'win32') return 'ms-settings:startupapps';
  return null;
}

/** A sentence for when the OS did not do what the user asked, or null when it did. */
export function loginItemWriteNotice(requested: boolean, status: LoginItemStatus, productName: string): string | null {
  if (!status.supported) return `${productName} cannot open at login in this installation.`;
  if (requested && status.requiresApproval)
    return `Allow ${productName} in System Settings › General › Login Items to open it at login.`;
  if (requested && !status.enabled) return `${productName} could not be set to open at login.`;
  if (!requested && status.enabled)
    return `${productName} still opens at login: an entry outside ${productName}'s control starts it.`;
  return null;
}
