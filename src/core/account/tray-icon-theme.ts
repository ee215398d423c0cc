import { trayPanels, type TrayPanel } from '../../contract/view';
import type { TrayIconName } from './tray-presentation';

/** The user's choice on Linux, where no API says what colour the panel is. */
export type TrayPanelSetting = TrayPanel;

/**
 * Which drawing of the icon to show: a macOS template image (the menu bar tints it), or a glyph
 * drawn for a dark or a light panel, in a normal or a high-contrast palette.
 */
export type TrayIconVariant = 'template' | 'onDark' | 'onLight' | 'onDarkHighContrast' | 'onLightHighContrast';

/** nativeTheme's answers (docs/api/native-theme.md). */
export interface SystemTheme {
  shouldUseDarkColors: boolean;
  /** Windows: the taskbar's (system) theme, which may differ from the apps' theme. */
  shouldUseDarkColorsForSystemIntegratedUI: boolean;
  /** macOS and Windows only; Linux reports false. */
  shouldUseHighContrastColors: boolean;
}

/** Only Linux needs the override: Windows and macOS say what their panel looks like. */
export const trayPanelOverridable = (platform: string): boolean => platform === 'linux';

/**
 * Picks the icon's drawing. macOS: template images, which the menu bar tints for its appearance
 * and contrast settings. Windows: the taskbar follows the system theme, not the apps' theme
 * (Windows 11's default is a light taskbar), hence shouldUseDarkColorsForSystemIntegratedUI.
 * Linux: shouldUseDarkColors (the GTK theme), unless the user said what the panel looks like.
 */
export function trayIconVariant(platform: string, theme: SystemTheme, setting: TrayPanelSetting): TrayIconVariant {
  if (platform === 'darwin') return 'template';
  const dark =
    platform === 'win32'
      ? theme.shouldUseDarkColorsForSystemIntegratedUI
      : trayPanelOverridable(platform) && setting !== 'auto'
        ? setting === 'dark'
        : theme.shouldUseDarkColors;
  const highContrast = platform !== 'linux' && theme.shouldUseHighContrastColors;
  if (highContrast) return dark ? 'onDarkHighContrast' : 'onLightHighContrast';
  return dark ? 'onDark' : 'onLight';
}

const suffixes: Record<Exclude<TrayIconVariant, 'template'>, string> = {
  onDark: 'on-dark',
  onLight: 'on-light',
  onDarkHighContrast: 'on-dark-hc',
  onLightHighContrast: 'on-light-hc',
};

/** The file for an icon under static/tray: template PNGs on macOS, ICO on Windows, PNG on Linux. */
export function trayIconFile(icon: TrayIconName, variant: TrayIconVariant, platform: string): string {
  if (variant === 'template') return `${icon}Template.png`;
  return `${icon}-${suffixes[variant]}.${platform === 'win32' ? 'ico' : 'png'}`;
}

/** A stored setting, or 'auto' for anything else. */
export function readTrayPanelSetting(value: unknown): TrayPanelSetting {
  return trayPanels.includes(value as TrayPanelSetting) ? (value as TrayPanelSetting) : 'auto';
}
