import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Electron from 'electron';
import type { AppApi, ElectronApi, NotificationApi, TrayApi } from '../../src/main/electron-api';
import type { BrowserContext } from 'playwright-core';
import { createBrowserWindowDouble, type BrowserWindowDouble } from './window-double';
import { SafeStorageDouble } from './safe-storage-double';
import { ProtocolHandlers, type Launch } from './protocol-handlers';
import { NativeThemeDouble } from './native-theme-double';
import { developmentAppPath, secondInstanceArgv } from './second-instance-argv';
import type { WebFrameMainDouble } from './frame-double';
import { netFetchDouble } from './net-double';
import { ProtocolDouble } from './protocol-double';
import { GlobalShortcutDouble } from './global-shortcut-double';

/** A native image stands for the file it was made from; tests check that the file exists. */
export interface ImageDouble {
  path: string;
  exists: boolean;
}

function imageFrom(path: string): Electron.NativeImage {
  const image: ImageDouble = { path, exists: existsSync(path) };
  return image as unknown as Electron.NativeImage;
}

export const imagePath = (image: Electron.NativeImage) => (image as unknown as ImageDouble).path;

/** A built menu keeps its template, so tests can read and click it as a user would. */
export interface MenuDouble {
  template: Electron.MenuItemConstructorOptions[];
}

export class AppDouble extends EventEmitter implements AppApi {
  isPackaged = false;
  readonly paths: Record<string, string>;
  /** process.execPath and app.getAppPath() of this copy: what a registration must point at. */
  execPath = '/opt/Latchkey/latchkey';
  appPath = '/opt/Latchkey/resources/app.asar';
  /** macOS: CFBundleIdentifier, which LaunchServices records as a scheme's handler. */
  bundleId = 'dev.latchkey.app';
  /** Linux: $CHROME_DESKTOP, the only entry Electron itself can make a handler. */
  chromeDesktop: string | undefined = undefined;
  readonly protocols: ProtocolHandlers;
  readonly dockHidden: boolean[] = [];
  quitRequested = false;
  exitCode: number | null = null;
  singleInstance = true;
  loginItem: Electron.LoginItemSettings = {
    openAtLogin: false,
    wasOpenedAtLogin: false,
    status: 'not-registered',
    executableWillLaunchAtLogin: false,
    launchItems: [],
  };
  readonly loginItemWrites: Electron.Settings[] = [];
  #ready = Promise.withResolvers<void>();
  #isReady = false;
  dock: Pick<Electron.Dock, 'hide'> | undefined;
  /** Every app.focus call, with its options, as the app made it. */
  readonly focusRequests: (Electron.FocusOptions | undefined)[] = [];
  /**
   * macOS: whether this app is the active one. A tray app starts inactive (another app is in front
   * when the user clicks the menu bar); only activation makes its windows key (cooperative
   * activation since macOS 14: electron/electron#40307).
   */
  active: boolean;

  constructor(
    userData: string,
    readonly platform: NodeJS.Platform,
    applicationDirs: () => string[] = () => [],
  ) {
    super();
    // logs: ~/Library/Logs/<name> on macOS, inside userData elsewhere (docs/api/app.md, setAppLogsPath).
    const logs = platform === 'darwin' ? join(userData, 'Library', 'Logs', 'Latchkey') : join(userData, 'logs');
    this.paths = { userData, appData: userData, temp: userData, home: userData, logs };
    this.protocols = new ProtocolHandlers(platform, applicationDirs);
    this.dock = platform === 'darwin' ? { hide: () => void this.dockHidden.push(true) } : undefined;
    this.active = platform !== 'darwin';
  }

  /** Electron's `ready`: the harness calls it once the test has wired what it needs. */
  becomeReady(): void {
    this.#isReady = true;
    this.#ready.resolve();
    this.emit('ready');
  }

  isReady(): boolean {
    return this.#isReady;
  }
  whenReady(): Promise<void> {
    return this.#ready.promise;
  }
  quit(): void {
    this.quitRequested = true;
    this.emit('before-quit', { preventDefault() {} });
    this.emit('will-quit', { preventDefault() {} });
    // Then 'quit' with the exit code (docs/api/app.md, "Event: 'quit'"): electron-updater installs there.
    this.emit('quit', { preventDefault() {} }, 0);
  }
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
  }
  getName(): string {
    return 'Latchkey';
  }
  /** package.json's version in a packaged app (docs/api/app.md, app.getVersion). */
  version = '0.1.0';
  getVersion(): string {
    return this.version;
  }
  /** The app's folder or app.asar (docs/api/app.md, app.getAppPath). */
  getAppPath(): string {
    return this.appPath;
  }
  readonly relaunches: number[] = [];
  /** Only records: Electron starts the new instance once this one has quit (docs/api/app.md, app.relaunch). */
  relaunch(): void {
    this.relaunches.push(this.relaunches.length + 1);
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    const path = this.paths[name];
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  /** Each OS stores the handler its own way (see ProtocolHandlers); path defaults to execPath. */
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    if (this.platform === 'win32') return this.protocols.set(protocol, { command: this.protocols.windowsCommand(path ?? this.execPath, args ?? []) });
    if (this.platform === 'darwin') return this.protocols.set(protocol, { bundle: this.bundleId });
    return this.chromeDesktop !== undefined && this.protocols.set(protocol, { desktopId: this.chromeDesktop });
  }
  /** Windows compares the registry's command with the one `path` and `args` would make (browser_win.cc). */
  isDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean {
    const scheme = protocol.toLowerCase();
    if (this.platform === 'win32') return this.protocols.registry.get(scheme) === this.protocols.windowsCommand(path ?? this.execPath, args ?? []);
    if (this.platform === 'darwin') return this.protocols.launchServices.get(scheme) === this.bundleId;
    return this.chromeDesktop !== undefined && this.protocols.mimeDefaults.get(`x-scheme-handler/${scheme}`) === this.chromeDesktop;
  }
  /**
   * The OS opens a link of a custom scheme (a browser's hand-back, or shell.openExternal). macOS
   * tells the running app in open-url; Windows and Linux start the registered command, whose
   * process forwards its argv to us in second-instance, after ready (docs/api/app.md). In
   * development that process is Electron, which must find the app at its first non-switch
   * argument (default_app/main.ts), or nothing reaches us.
   */
  async openFromOs(url: string): Promise<Launch> {
    const launch = this.protocols.resolve(url);
    await this.whenReady();
    if (launch.kind === 'open-url') this.emit('open-url', { preventDefault() {} }, url);
    if (launch.kind !== 'argv') return launch;
    if (launch.argv[0] !== this.execPath) return { kind: 'none', reason: `the handler runs ${launch.argv[0]}, not this app` };
    if (!this.isPackaged && developmentAppPath(launch.argv) !== this.appPath) {
      return { kind: 'none', reason: `Electron found no app at ${developmentAppPath(launch.argv)}` };
    }
    this.emit('second-instance', { preventDefault() {} }, secondInstanceArgv(launch.argv, this.platform), this.paths.home, {});
    return launch;
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    return { ...this.loginItem };
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    this.loginItemWrites.push(settings);
    this.loginItem = {
      ...this.loginItem,
      openAtLogin: settings.openAtLogin ?? false,
      status: settings.openAtLogin ? 'enabled' : 'not-registered',
    };
  }
  setAppUserModelId(): void {}
  /**
   * macOS: `steal` activates with activateIgnoringOtherApps:YES, which the system honours; without
   * it the request is cooperative and refused while another app is active (shell/browser/
   * browser_mac.mm, Browser::Focus). Elsewhere it focuses the first window (docs/api/app.md).
   */
  focus(options?: Electron.FocusOptions): void {
    this.focusRequests.push(options);
    if (this.platform === 'darwin' && options?.steal) this.active = true;
  }
  /** What the user does by clicking into another app: this one stops being active. */
  deactivate(): void {
    this.active = false;
  }
}

export class TrayDouble extends EventEmitter implements TrayApi {
  image: Electron.NativeImage;
  tooltip = '';
  menu: MenuDouble | null = null;
  bounds: Electron.Rectangle = { x: 0, y: 0, width: 0, height: 0 };
  destroyed = false;

  constructor(image: Electron.NativeImage) {
    super();
    this.image = image;
  }
  setImage(image: Electron.NativeImage | string): void {
    this.image = typeof image === 'string' ? imageFrom(image) : image;
  }
  setToolTip(toolTip: string): void {
    this.tooltip = toolTip;
  }
  setContextMenu(menu: Electron.Menu | null): void {
    this.menu = menu as unknown as MenuDouble | null;
  }
  getBounds(): Electron.Rectangle {
    return { ...this.bounds };
  }
  popUpContextMenu(): void {}
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }

  /** What a user's left click on the icon does. */
  click(): void {
    this.emit('click', { preventDefault() {} }, this.getBounds(), { x: this.bounds.x, y: this.bounds.y });
  }
  /** A right click (macOS and Windows open the menu this way). */
  rightClick(): void {
    this.emit('right-click', { preventDefault() {} }, this.getBounds());
  }
  menuLabels(): string[] {
    return (this.menu?.template ?? []).filter((item) => item.type !== 'separator').map((item) => item.label ?? '');
  }
  menuItem(label: string): Electron.MenuItemConstructorOptions {
    const item = this.menu?.template.find((entry) => entry.label === label);
    if (!item) throw new Error(`The tray menu has no item "${label}"; it has: ${this.menuLabels().join(', ')}`);
    return item;
  }
  /** What choosing a menu item does (a checkbox flips first, as Electron's does). */
  clickMenuItem(label: string): void {
    const item = this.menuItem(label);
    if (item.enabled === false) throw new Error(`The tray menu item "${label}" is disabled`);
    const menuItem = { checked: item.type === 'checkbox' ? !item.checked : Boolean(item.checked) };
    item.click?.(menuItem as Electron.MenuItem, undefined, { preventDefault() {} } as unknown as Electron.KeyboardEvent);
  }
}

/** How the OS treats notifications: shown, unsupported (no notification server), or failing. */
export type NotificationSupport = 'shown' | 'unsupported' | 'failing';

export class NotificationDouble extends EventEmitter implements NotificationApi {
  constructor(
    readonly options: Electron.NotificationConstructorOptions,
    private readonly shown: NotificationDouble[],
    private readonly support: () => NotificationSupport,
  ) {
    super();
  }
  show(): void {
    const support = this.support();
    // Without a notification server nothing appears and no event follows (docs: Notification.isSupported).
    if (support === 'unsupported') return;
    // "failed": an error creating or showing the native notification (docs/api/notification.md, Windows).
    if (support === 'failing') {
      setImmediate(() => this.emit('failed', { preventDefault() {} }, 'The notification platform reported an error'));
      return;
    }
    this.shown.push(this);
    this.emit('show', { preventDefault() {} });
  }
  close(): void {
    this.emit('close', { preventDefault() {} });
  }
  /** The user dismisses it: "close" (docs/api/notification.md; not guaranteed on every OS). */
  dismiss(): void {
    this.emit('close', { preventDefault() {} });
  }
  /** The user clicks it. */
  click(): void {
    this.emit('click', { preventDefault() {} });
  }
}

export interface DisplayLayout {
  bounds: Electron.Rectangle;
  workArea: Electron.Rectangle;
}

function display(id: number, layout: DisplayLayout): Electron.Display {
  return {
    id,
    label: `Display ${id}`,
    bounds: layout.bounds,
    workArea: layout.workArea,
    size: { width: layout.bounds.width, height: layout.bounds.height },
    workAreaSize: { width: layout.workArea.width, height: layout.workArea.height },
    scaleFactor: 1,
    rotation: 0,
    internal: id === 1,
    monochrome: false,
    accelerometerSupport: 'unknown',
    touchSupport: 'unknown',
    colorDepth: 24,
    colorSpace: 'srgb',
    depthPerComponent: 8,
    detected: true,
    displayFrequency: 60,
    maximumCursorSize: { width: 64, height: 64 },
    nativeOrigin: { x: layout.bounds.x, y: layout.bounds.y },
  };
}

const overlap = (a: Electron.Rectangle, b: Electron.Rectangle) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

type ScreenApi = ElectronApi['screen'];
type IpcMainApi = ElectronApi['ipcMain'];

export class ScreenDouble extends EventEmitter implements ScreenApi {
  displays: Electron.Display[] = [
    display(1, { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
  ];
  cursor: Electron.Point = { x: 1800, y: 1060 };

  layout(layouts: DisplayLayout[]): void {
    this.displays = layouts.map((layout, index) => display(index + 1, layout));
  }
  getPrimaryDisplay(): Electron.Display {
    return this.displays[0]!;
  }
  getCursorScreenPoint(): Electron.Point {
    return { ...this.cursor };
  }
  getDisplayMatching(rect: Electron.Rectangle): Electron.Display {
    return this.displays.reduce((best, each) => (overlap(each.bounds, rect) > overlap(best.bounds, rect) ? each : best));
  }
  getDisplayNearestPoint(point: Electron.Point): Electron.Display {
    return this.getDisplayMatching({ x: point.x, y: point.y, width: 1, height: 1 });
  }
}

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export class IpcMainDouble implements IpcMainApi {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /**
   * What ipcRenderer.invoke does, as seen from the main process: the event names the sending web
   * contents and frame, and senderFrame "may be null if accessed after the frame has either
   * navigated or been destroyed"; https://www.electronjs.org/docs/latest/api/structures/ipc-main-invoke-event
   */
  async invoke(
    from: { sender: object; senderFrame: WebFrameMainDouble | null },
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    const frame = from.senderFrame;
    const event = {
      type: 'frame',
      sender: from.sender,
      get senderFrame() {
        return frame && !frame.isDestroyed() ? frame : null;
      },
      processId: frame?.processId ?? 0,
      frameId: frame?.routingId ?? 0,
    } as unknown as Electron.IpcMainInvokeEvent;
    return handler(event, ...args);
  }
}

export interface ElectronDoubleOptions {
  chromium: BrowserContext;
  userData: string;
  platform?: NodeJS.Platform;
  /** Where the "system browser" goes when the app opens a URL; recorded either way. */
  onOpenExternal?: (url: string) => void | Promise<void>;
  /** The OS keyring, shared across restarts of the app like the real one. */
  safeStorage?: SafeStorageDouble;
  /** $XDG_DATA_HOME, where Linux looks up the desktop entry a scheme is handed to. */
  xdgDataHome?: string;
  /** Linux only: a Wayland session, whose compositor ignores window positions. @default 'x11' */
  session?: 'x11' | 'wayland';
}

/** The whole Electron surface the app uses, with Chromium standing in for the popover. */
export function createElectronDouble(options: ElectronDoubleOptions) {
  const platform = options.platform ?? 'linux';
  const app = new AppDouble(options.userData, platform, () => (options.xdgDataHome ? [join(options.xdgDataHome, 'applications')] : []));
  const trays: TrayDouble[] = [];
  const windows: BrowserWindowDouble[] = [];
  const notifications: NotificationDouble[] = [];
  const ipcMain = new IpcMainDouble();
  const protocol = new ProtocolDouble(() => app.isReady());
  const openedUrls: string[] = [];
  const openedPaths: string[] = [];
  const clipboardText: string[] = [];
  const powerMonitor = new EventEmitter();
  const nativeTheme = new NativeThemeDouble(platform);
  const screen = new ScreenDouble();
  const safeStorage = options.safeStorage ?? new SafeStorageDouble();
  const globalShortcut = new GlobalShortcutDouble(() => app.isReady());
  let online = true;
  let notificationSupport: NotificationSupport = 'shown';

  const BrowserWindow = createBrowserWindowDouble({
    chromium: options.chromium,
    app,
    ipcMain,
    protocol,
    windows,
    platform,
    session: platform === 'linux' ? (options.session ?? 'x11') : 'native',
  });

  class Tray extends TrayDouble {
    constructor(image: Electron.NativeImage) {
      super(image);
      trays.push(this);
    }
  }

  class Notification extends NotificationDouble {
    constructor(notificationOptions: Electron.NotificationConstructorOptions) {
      super(notificationOptions, notifications, () => notificationSupport);
    }
    static isSupported(): boolean {
      return notificationSupport !== 'unsupported';
    }
  }

  const electron = {
    app,
    BrowserWindow,
    Tray,
    Menu: {
      buildFromTemplate: (template: Electron.MenuItemConstructorOptions[]) =>
        ({ template }) as MenuDouble as unknown as Electron.Menu,
    },
    nativeImage: { createFromPath: imageFrom },
    ipcMain,
    protocol,
    shell: {
      async openExternal(url: string) {
        openedUrls.push(url);
        // Web links go to the browser; any other scheme to its registered handler, if any.
        if (/^https?:/iu.test(url)) await options.onOpenExternal?.(url);
        else void app.openFromOs(url);
      },
      /** Resolves with '' when the folder opened, else an error message (docs/api/shell.md). */
      async openPath(path: string) {
        openedPaths.push(path);
        return existsSync(path) ? '' : `Failed to open path: ${path}`;
      },
    },
    screen,
    safeStorage,
    Notification,
    powerMonitor: powerMonitor as unknown as ElectronApi['powerMonitor'],
    nativeTheme,
    clipboard: { writeText: async (text: string) => void clipboardText.push(text) },
    globalShortcut,
    net: {
      fetch: netFetchDouble,
      isOnline: () => online,
    },
  } satisfies ElectronApi;

  return {
    electron,
    app,
    ipcMain,
    protocol,
    screen,
    safeStorage,
    powerMonitor,
    nativeTheme,
    globalShortcut,
    trays,
    windows,
    notifications,
    openedUrls,
    openedPaths,
    clipboardText,
    get tray(): TrayDouble {
      const tray = trays[0];
      if (!tray) throw new Error('No tray has been created');
      return tray;
    },
    setOnline(value: boolean) {
      online = value;
    },
    setNotificationsSupported(value: boolean) {
      notificationSupport = value ? 'shown' : 'unsupported';
    },
    setNotificationSupport(value: NotificationSupport) {
      notificationSupport = value;
    },
  };
}

export type ElectronDouble = ReturnType<typeof createElectronDouble>;
