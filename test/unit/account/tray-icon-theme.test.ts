import { describe, expect, it } from 'vitest';
import { readTrayPanelSetting, trayIconFile, trayIconVariant, type SystemTheme, type TrayPanelSetting } from '../../../src/core/account/tray-icon-theme';

const theme = (dark: boolean, taskbarDark: boolean, highContrast = false): SystemTheme => ({
  shouldUseDarkColors: dark,
  shouldUseDarkColorsForSystemIntegratedUI: taskbarDark,
  shouldUseHighContrastColors: highContrast,
});

describe('which drawing of the tray icon to show', () => {
  it.each<[string, NodeJS.Platform, SystemTheme, TrayPanelSetting, string]>([
    ['macOS, light menu bar: a template image', 'darwin', theme(false, false), 'auto', 'template'],
    ['macOS, dark and high contrast: still a template (the menu bar tints it)', 'darwin', theme(true, true, true), 'dark', 'template'],
    ["Windows 11's default: dark apps, light taskbar", 'win32', theme(true, false), 'auto', 'onLight'],
    ['Windows, dark taskbar, light apps', 'win32', theme(false, true), 'auto', 'onDark'],
    ['Windows ignores the Linux setting', 'win32', theme(false, false), 'dark', 'onLight'],
    ['Windows high contrast on a dark taskbar', 'win32', theme(true, true, true), 'auto', 'onDarkHighContrast'],
    ['Windows high contrast on a light taskbar', 'win32', theme(false, false, true), 'auto', 'onLightHighContrast'],
    ['Linux, light GTK theme', 'linux', theme(false, false), 'auto', 'onLight'],
    ['Linux, dark GTK theme', 'linux', theme(true, false), 'auto', 'onDark'],
    ['Linux, light theme but the user says the panel is dark', 'linux', theme(false, false), 'dark', 'onDark'],
    ['Linux, dark theme but the user says the panel is light', 'linux', theme(true, true), 'light', 'onLight'],
  ])('%s', (_label, platform, system, setting, variant) => {
    expect(trayIconVariant(platform, system, setting)).toBe(variant);
  });

  it.each([
    ['signedIn', 'template', 'darwin', 'signedInTemplate.png'],
    ['attention', 'onLight', 'win32', 'attention-on-light.ico'],
    ['offline', 'onDarkHighContrast', 'win32', 'offline-on-dark-hc.ico'],
    ['expired', 'onDark', 'linux', 'expired-on-dark.png'],
  ] as const)('%s as %s on %s is %s', (icon, variant, platform, file) => {
    expect(trayIconFile(icon, variant, platform)).toBe(file);
  });

  it.each([['light', 'light'], ['dark', 'dark'], ['auto', 'auto'], ['purple', 'auto'], [null, 'auto']])('reads a stored %j as %s', (stored, setting) => {
    expect(readTrayPanelSetting(stored)).toBe(setting);
  });
});
