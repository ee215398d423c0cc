import type * as Electron from 'electron';

/**
 * The part of Electron the app uses, picked from Electron's own typings. `main.ts` passes the
 * real module (so a mismatch does not compile) and the test harness passes a double typed
 * against the same picks, so the double cannot drift from Electron's API.
 */
/*
 * Event methods are declared one event at a time: Electron's return `this` (the full class),
 * which a double cannot be. Each line must still match one of Electron's own overloads.
 */
interface AppEvents {
  on(event: 'second-instance', listener: (event: Electron.Event, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'open-url', listener: (event: Electron.Event, url: string) => void): unknown;
  on(event: 'before-quit', listener: (event: Electron.Event) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: Electron.Event, contents: GuardableWebContents) => void): unknown;
  /** electron-updater installs a downloaded update here, as the app quits (autoInstallOnAppQuit). */
  once(event: 'quit', listener: (event: Electron.Event, exitCode: number) => void): unknown;
}

/** What the app-wide guard needs of every web contents Electron creates. */
export interface GuardableWebContents {
  setWindowOpenHandler: Electron.WebContents['setWindowOpenHandler'];
  on(event: 'will-navigate', listener: (event: Electron.Event<Electron.WebContentsWillNavigateEventParams>) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: Electron.Event) => void): unknown;
}

export type AppApi = AppEvents & Pick<
  Electron.App,
  | 'emit'
  | 'whenReady'
  | 'quit'
  | 'exit'
  | 'getName'
  | 'getVersion'
  | 'getPath'
  | 'isPackaged'
  | 'requestSingleInstanceLock'
  | 'setAsDefaultProtocolClient'
  | 'isDefaultProtocolClient'
  | 'getLoginItemSettings'
  | 'setLoginItemSettings'
  | 'setAppUserModelId'
  | 'focus'
  | 'relaunch'
  | 'getAppPath'
> & { dock?: Pick<Electron.Dock, 'hide'> | undefined };

interface WebContentsEvents {
  on(event: 'before-input-event', listener: (event: Electron.Event, input: Electron.Input) => void): unknown;
}

export type WebContentsApi = WebContentsEvents &
  Pick<Electron.WebContents, 'send' | 'getURL' | 'isDestroyed' | 'mainFrame'> & {
    session: Pick<Electron.Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
  };

interface WindowEvents {
  on(event: 'blur', listener: () => void): unknown;
}

export type PopoverWindowApi = WindowEvents & Pick<
  Electron.BrowserWindow,
  | 'loadURL'
  | 'show'
  | 'showInactive'
  | 'hide'
  | 'focus'
  | 'isVisible'
  | 'isDestroyed'
  | 'setPosition'
  | 'setBounds'
  | 'setResizable'
  | 'setVisibleOnAllWorkspaces'
  | 'getBounds'
  | 'destroy'
> & { webContents: WebContentsApi };

interface TrayEvents {
  on(event: 'click', listener: (event: Electron.KeyboardEvent, bounds: Electron.Rectangle) => void): unknown;
  on(event: 'right-click', listener: (event: Electron.KeyboardEvent, bounds: Electron.Rectangle) => void): unknown;
}

export type TrayApi = TrayEvents &
  Pick<Electron.Tray, 'setImage' | 'setToolTip' | 'setContextMenu' | 'getBounds' | 'popUpContextMenu' | 'destroy' | 'isDestroyed'>;

interface NotificationEvents {
  on(event: 'click', listener: (event: Electron.Event) => void): unknown;
  on(event: 'action', listener: (event: Electron.Event<Electron.NotificationActionEventParams>) => void): unknown;
  on(event: 'close', listener: (event: Electron.Event) => void): unknown;
  on(event: 'failed', listener: (event: Electron.Event, error: string) => void): unknown;
}

export type NotificationApi = NotificationEvents & Pick<Electron.Notification, 'show' | 'close'>;

interface PowerMonitorEvents {
  on(event: 'resume' | 'unlock-screen' | 'suspend' | 'lock-screen', listener: () => void): unknown;
}

interface NativeThemeEvents {
  on(event: 'updated', listener: () => void): unknown;
  removeListener(event: 'updated', listener: () => void): unknown;
}

interface ScreenEvents {
  on(event: 'display-added' | 'display-removed', listener: (event: Electron.Event, display: Electron.Display) => void): unknown;
}

export interface ElectronApi {
  app: AppApi;
  BrowserWindow: new (options: Electron.BrowserWindowConstructorOptions) => PopoverWindowApi;
  Tray: new (image: Electron.NativeImage, guid?: string) => TrayApi;
  Menu: { buildFromTemplate(template: Electron.MenuItemConstructorOptions[]): Electron.Menu };
  nativeImage: Pick<typeof Electron.nativeImage, 'createFromPath'>;
  ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'>;
  protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle' | 'unhandle'>;
  shell: Pick<Electron.Shell, 'openExternal' | 'openPath'>;
  screen: ScreenEvents &
    Pick<Electron.Screen, 'getDisplayMatching' | 'getDisplayNearestPoint' | 'getCursorScreenPoint' | 'getPrimaryDisplay'>;
  safeStorage: Pick<
    Electron.SafeStorage,
    'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
  >;
  Notification: {
    new (options: Electron.NotificationConstructorOptions): NotificationApi;
    isSupported(): boolean;
  };
  powerMonitor: PowerMonitorEvents;
  nativeTheme: NativeThemeEvents &
    Pick<Electron.NativeTheme, 'shouldUseDarkColors' | 'shouldUseDarkColorsForSystemIntegratedUI' | 'shouldUseHighContrastColors'>;
  clipboard: Pick<Electron.Clipboard, 'writeText'>;
  globalShortcut: Pick<Electron.GlobalShortcut, 'register' | 'unregister'>;
  net: Pick<Electron.Net, 'fetch' | 'isOnline'>;
}
