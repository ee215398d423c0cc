import type { TrayIconView, TrayPanel } from '../contract/view';
import { readTrayPanelSetting, trayIconVariant, trayPanelOverridable, type TrayIconVariant } from '../core/account/tray-icon-theme';
import type { Logger } from '../core/ports';
import type { ElectronApi } from './electron-api';

const settingKey = 'trayPanel';

export interface TrayTheme {
  variant(): TrayIconVariant;
  view(): TrayIconView;
  /** Linux: the user says what the panel looks like ('auto' follows the system again). */
  setPanel(panel: TrayPanel): void;
  dispose(): void;
}

export interface TrayThemeDeps {
  nativeTheme: ElectronApi['nativeTheme'];
  store: { get(key: string): unknown; set(key: string, value: unknown): void };
  platform: NodeJS.Platform;
  logger: Logger;
  /** Called with each new drawing, e.g. to swap the tray's image. */
  onVariant(variant: TrayIconVariant): void;
  /** Called when the setting changed, e.g. to send the popover a new view. */
  onSetting(): void;
}

/**
 * Keeps the tray icon readable on its panel: follows nativeTheme's `updated` event (emitted when
 * dark mode or high contrast changes, docs/api/native-theme.md) and, on Linux, the user's setting.
 */
export function wireTrayTheme(deps: TrayThemeDeps): TrayTheme {
  const { nativeTheme, platform } = deps;
  const overridable = trayPanelOverridable(platform);
  let panel = overridable ? readTrayPanelSetting(deps.store.get(settingKey)) : 'auto';
  const variant = () =>
    trayIconVariant(
      platform,
      {
        shouldUseDarkColors: nativeTheme.shouldUseDarkColors,
        shouldUseDarkColorsForSystemIntegratedUI: nativeTheme.shouldUseDarkColorsForSystemIntegratedUI,
        shouldUseHighContrastColors: nativeTheme.shouldUseHighContrastColors,
      },
      panel,
    );
  let shown = variant();
  const follow = () => {
    const next = variant();
    if (next === shown) return;
    shown = next;
    deps.logger.log('info', 'The tray icon changed for the panel behind it', { variant: next });
    deps.onVariant(next);
  };
  nativeTheme.on('updated', follow);
  return {
    variant: () => shown,
    view: () => ({ overridable, panel }),
    setPanel(next) {
      if (!overridable) return;
      panel = next;
      deps.store.set(settingKey, next);
      follow();
      deps.onSetting();
    },
    dispose: () => void nativeTheme.removeListener('updated', follow),
  };
}
