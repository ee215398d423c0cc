import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import type * as Electron from 'electron';
import type { AppApi, ElectronApi, NotificationApi, TrayApi } from '../../src/main/electron-api';
import type { BrowserContext } from 'playwright-core';
import { createBrowserWindowDouble, type BrowserWindowDouble } from './window-double';
import { SafeStorageDouble } from './safe-storage-double';
import type { WebFrameMainDouble } from './frame-double';
import { ProtocolDouble } from './protocol-double';

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
  readonly protocolClients = new Set<string>();
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

  constructor(userData: string, platform: NodeJS.Platform) {
    super();
    this.paths = { userData, appData: userData, temp: userData, home: userData };
    this.dock = platform === 'darwin' ? { hide: () => void this.dockHidden.push(true) } : undefined;
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
  }
  exit(exitCode = 0): void {
    this.exitCode = exitCode;
  }
  getName(): string {
    return 'Latchkey';
  }
  getVersion(): string {
    return '0.1.0';
  }
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    const path = this.paths[name];
    if (!path) throw new Error(`Failed to get '${name}' path`);
    return path;
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    this.protocolClients.add(protocol);
    return true;
  }
  isDefaultProtocolClient(protocol: string): boolean {
    return this.protocolClients.has(protocol);
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

export class NotificationDouble extends EventEmitter implements NotificationApi {
  constructor(
    readonly options: Electron.NotificationConstructorOptions,
    private readonly shown: NotificationDouble[],
  ) {
    super();
  }
  show(): void {
    this.shown.push(this);
  }
  close(): void {
    this.emit('close');
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
}

/** The whole Electron surface the app uses, with Chromium standing in for the popover. */
export function createElectronDouble(options: ElectronDoubleOptions) {
  const platform = options.platform ?? 'linux';
  const app = new AppDouble(options.userData, platform);
  const trays: TrayDouble[] = [];
  const windows: BrowserWindowDouble[] = [];
  const notifications: NotificationDouble[] = [];
  const ipcMain = new IpcMainDouble();
  const protocol = new ProtocolDouble(() => app.isReady());
  const openedUrls: string[] = [];
  const clipboardText: string[] = [];
  const powerMonitor = new EventEmitter();
  const screen = new ScreenDouble();
  const safeStorage = options.safeStorage ?? new SafeStorageDouble();
  let online = true;
  let notificationsSupported = true;

  const BrowserWindow = createBrowserWindowDouble({ chromium: options.chromium, app, ipcMain, protocol, windows });

  class Tray extends TrayDouble {
    constructor(image: Electron.NativeImage) {
      super(image);
      trays.push(this);
    }
  }

  class Notification extends NotificationDouble {
    constructor(notificationOptions: Electron.NotificationConstructorOptions) {
      super(notificationOptions, notifications);
    }
    static isSupported(): boolean {
      return notificationsSupported;
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
        await options.onOpenExternal?.(url);
      },
    },
    screen,
    safeStorage,
    Notification,
    powerMonitor: powerMonitor as unknown as ElectronApi['powerMonitor'],
    clipboard: { writeText: async (text: string) => void clipboardText.push(text) },
    net: {
      fetch: (input: string | Request, init?: RequestInit) => fetch(input, init),
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
    trays,
    windows,
    notifications,
    openedUrls,
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
      notificationsSupported = value;
    },
  };
}

export type ElectronDouble = ReturnType<typeof createElectronDouble>;
