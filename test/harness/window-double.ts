import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import type { BrowserContext, Page } from 'playwright-core';
import type { PopoverWindowApi, WebContentsApi } from '../../src/main/electron-api';
import type { AppDouble, IpcMainDouble } from './electron-double';
import type { ProtocolDouble } from './protocol-double';
import { WebContentsDouble } from './web-contents-double';

export interface BrowserWindowDouble extends PopoverWindowApi {
  readonly options: Electron.BrowserWindowConstructorOptions;
  readonly webContents: WebContentsApi & WebContentsDouble;
  page(): Page;
  /** What the OS does when the user clicks somewhere else. */
  blur(): void;
  /** Whether the window is the key (focused) window. */
  isFocused(): boolean;
  /** The Spaces behaviour the app asked for, as the OS applied it; null if never asked. */
  readonly workspaces: { allSpaces: boolean; overFullScreen: boolean } | null;
  /** Resolves once Chromium's viewport has taken the window's last size. */
  settled(): Promise<void>;
}

/** What a window manager does with the bounds an app asks for. */
export type WindowSession = 'native' | 'x11' | 'wayland';

export function createBrowserWindowDouble(deps: {
  chromium: BrowserContext;
  /** Electron's app emits 'web-contents-created' for every new window's contents. */
  app: Pick<AppDouble, 'emit' | 'active' | 'deactivate'>;
  ipcMain: IpcMainDouble;
  protocol: ProtocolDouble;
  windows: BrowserWindowDouble[];
  platform: NodeJS.Platform;
  session: WindowSession;
}) {
  const wayland = deps.session === 'wayland';
  const darwin = deps.platform === 'darwin';
  return class BrowserWindow extends EventEmitter implements BrowserWindowDouble {
    readonly webContents = new WebContentsDouble(deps.protocol, deps.ipcMain) as WebContentsApi & WebContentsDouble;
    #visible = false;
    #destroyed = false;
    #focused = false;
    #resizable: boolean;
    #bounds: Electron.Rectangle;
    #viewport: Promise<void> = Promise.resolve();
    workspaces: BrowserWindowDouble['workspaces'] = null;

    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      super();
      // With webviewTag false (the default) Chromium has no <webview>, so will-attach-webview never
      // fires; https://www.electronjs.org/docs/latest/api/webview-tag#enabling
      if (options.webPreferences?.webviewTag) throw new Error('The double does not model <webview>: keep webviewTag off');
      // Wayland reports (0, 0) for any window (docs/api/browser-window.md, getBounds note).
      const origin = wayland ? { x: 0, y: 0 } : { x: options.x ?? 0, y: options.y ?? 0 };
      this.#bounds = { ...origin, width: options.width ?? 800, height: options.height ?? 600 };
      this.#resizable = options.resizable ?? true;
      this.#visible = options.show ?? true;
      deps.windows.push(this);
      deps.app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
    }

    page(): Page {
      if (!this.webContents.page) throw new Error('The window has not loaded a page yet');
      return this.webContents.page;
    }

    async loadURL(url: string): Promise<void> {
      const preferences = this.options.webPreferences ?? {};
      const preload = preferences.preload
        ? { source: readFileSync(preferences.preload, 'utf8'), subFrames: preferences.nodeIntegrationInSubFrames === true }
        : null;
      const page = await deps.chromium.newPage();
      // The web contents paints in the window's size.
      await page.setViewportSize({ width: this.#bounds.width, height: this.#bounds.height });
      await this.webContents.attach(page, preload);
      await this.webContents.load(url);
    }

    /**
     * The app loads app:// instead; a file:// page here gets what a browser gives it, as Electron
     * does with the grantFileProtocolExtraPrivileges fuse off (electron-builder.json);
     * https://www.electronjs.org/docs/latest/tutorial/fuses#grantfileprotocolextraprivileges
     */
    async loadFile(filePath: string): Promise<void> {
      await this.loadURL(pathToFileURL(filePath).href);
    }

    /** "Shows and gives focus to the window" (docs/api/browser-window.md); on macOS only if the app is active. */
    show(): void {
      this.#visible = true;
      this.emit('show');
      this.#takeFocus();
    }
    showInactive(): void {
      this.#visible = true;
      this.emit('show');
    }
    hide(): void {
      this.#visible = false;
      this.#focused = false;
      this.emit('hide');
    }
    /**
     * macOS: BrowserWindow.focus asks for activation with activateIgnoringOtherApps:NO
     * (shell/browser/native_window_mac.mm, Focus), which macOS 14 may refuse while another app is
     * active; the window is ordered front but never becomes key.
     */
    focus(): void {
      if (this.#visible) this.#takeFocus();
    }
    #takeFocus(): void {
      if (this.#focused || (darwin && !deps.app.active)) return;
      this.#focused = true;
      this.emit('focus');
    }
    isFocused(): boolean {
      return this.#focused;
    }
    isVisible(): boolean {
      return this.#visible;
    }
    isDestroyed(): boolean {
      return this.#destroyed;
    }
    /** NativeWindow::SetPosition is SetBounds with the current size (shell/browser/native_window.cc). */
    setPosition(x: number, y: number): void {
      this.setBounds({ x, y });
    }
    /**
     * Wayland ignores the position ("Not supported on Wayland", setPosition); its size "may not work
     * as some window managers restrict" it (setSize): this double is a compositor that allows it. A window that is not
     * resizable grows but does not shrink on Linux (electron/electron#42258, open) and Windows
     * (#15560). Chromium's viewport follows the new size, as the web contents does in Electron.
     */
    setBounds(bounds: Partial<Electron.Rectangle>): void {
      const before = this.#bounds;
      const shrinks = !this.#resizable && deps.platform !== 'darwin';
      const width = bounds.width === undefined ? before.width : shrinks ? Math.max(before.width, bounds.width) : bounds.width;
      const height = bounds.height === undefined ? before.height : shrinks ? Math.max(before.height, bounds.height) : bounds.height;
      const x = wayland ? 0 : (bounds.x ?? before.x);
      const y = wayland ? 0 : (bounds.y ?? before.y);
      this.#bounds = { x, y, width, height };
      if (width !== before.width || height !== before.height) {
        const page = this.webContents.page;
        if (page) this.#viewport = this.#viewport.then(() => page.setViewportSize({ width, height })).catch(() => {});
        this.emit('resize');
      }
    }
    setResizable(resizable: boolean): void {
      this.#resizable = resizable;
    }
    /** macOS and Linux; the call does nothing on Windows, and visibleOnFullScreen is macOS-only (docs). */
    setVisibleOnAllWorkspaces(visible: boolean, options?: Electron.VisibleOnAllWorkspacesOptions): void {
      if (deps.platform === 'win32') return;
      this.workspaces = { allSpaces: visible, overFullScreen: darwin && Boolean(options?.visibleOnFullScreen) };
    }
    settled(): Promise<void> {
      return this.#viewport;
    }
    getBounds(): Electron.Rectangle {
      return { ...this.#bounds };
    }
    destroy(): void {
      this.#destroyed = true;
      this.webContents.destroyed = true;
      void this.webContents.page?.close().catch(() => {});
    }
    /** Only a focused window loses focus; on macOS the click goes to another app, which becomes active. */
    blur(): void {
      if (darwin) deps.app.deactivate();
      if (!this.#focused) return;
      this.#focused = false;
      this.emit('blur');
    }
  };
}
