import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import type { BrowserContext, Page } from 'playwright-core';
import type { PopoverWindowApi, WebContentsApi } from '../../src/main/electron-api';
import type { AppDouble, IpcMainDouble } from './electron-double';

/** The origin the popover's files are served from inside Chromium (fulfilled from disk). */
const pageOrigin = 'http://popover.latchkey.test';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/**
 * Runs the real built preload in the page, with `require('electron')` answered by a bridge: the
 * contextBridge puts the API on `window`, and ipcRenderer's calls cross to the main-process double
 * through Playwright bindings. Key presses reach main first, as Electron's before-input-event does.
 */
function preloadBridge(preloadSource: string): string {
  return `(() => {
    const listeners = new Map();
    const ipcRenderer = {
      invoke: (channel, ...args) => window.__latchkeyInvoke(channel, args),
      on(channel, listener) {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel).add(listener);
        return ipcRenderer;
      },
      removeListener(channel, listener) {
        listeners.get(channel)?.delete(listener);
        return ipcRenderer;
      },
    };
    const contextBridge = {
      exposeInMainWorld(key, api) {
        Object.defineProperty(window, key, { value: api, writable: false, configurable: false });
      },
    };
    Object.defineProperty(window, '__latchkeyEmit', {
      configurable: true,
      value: (channel, args) => { for (const listener of listeners.get(channel) ?? []) listener({}, ...args); },
    });
    window.addEventListener('keydown', (event) => { void window.__latchkeyKey(event.key); }, true);
    const require = (name) => {
      if (name === 'electron') return { contextBridge, ipcRenderer };
      throw new Error('module not found: ' + name + ' (a sandboxed preload may only require electron)');
    };
    const module = { exports: {} };
    (function (require, module, exports) { ${preloadSource}\n })(require, module, module.exports);
  })();`;
}

class WebContentsDouble extends EventEmitter {
  page: Page | null = null;
  url = '';
  destroyed = false;
  windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | null = null;
  permissionRequestHandler: unknown = null;
  permissionCheckHandler: unknown = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  readonly session = {
    setPermissionRequestHandler: (handler: unknown) => void (this.permissionRequestHandler = handler),
    setPermissionCheckHandler: (handler: unknown) => void (this.permissionCheckHandler = handler),
  };

  get mainFrame(): Electron.WebFrameMain {
    return { url: this.url } as Electron.WebFrameMain;
  }
  getURL(): string {
    return this.url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    void this.page?.evaluate(([c, a]) => (window as unknown as { __latchkeyEmit(c: string, a: unknown[]): void }).__latchkeyEmit(c, a), [channel, args] as const).catch(() => {});
  }
}

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
  windows: BrowserWindowDouble[];
  platform: NodeJS.Platform;
  session: WindowSession;
}) {
  const wayland = deps.session === 'wayland';
  const darwin = deps.platform === 'darwin';
  return class BrowserWindow extends EventEmitter implements BrowserWindowDouble {
    readonly webContents = new WebContentsDouble() as WebContentsApi & WebContentsDouble;
    #visible = false;
    #destroyed = false;
    #focused = false;
    #resizable: boolean;
    #bounds: Electron.Rectangle;
    #viewport: Promise<void> = Promise.resolve();
    workspaces: BrowserWindowDouble['workspaces'] = null;

    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      super();
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

    async loadFile(filePath: string): Promise<void> {
      const root = dirname(filePath);
      const preload = this.options.webPreferences?.preload;
      const page = await deps.chromium.newPage();
      this.webContents.page = page;
      await page.setViewportSize({ width: this.#bounds.width, height: this.#bounds.height });
      this.webContents.url = pathToFileURL(filePath).href;
      await page.route(`${pageOrigin}/**`, async (route) => {
        const path = decodeURIComponent(new URL(route.request().url()).pathname).replace(/^\/+/u, '');
        const file = join(root, ...path.split('/'));
        if (relative(root, file).startsWith('..') || relative(root, file).split(sep).includes('..')) {
          return route.fulfill({ status: 403 });
        }
        try {
          await route.fulfill({ body: readFileSync(file), contentType: contentTypes[extname(file)] ?? 'application/octet-stream' });
        } catch {
          await route.fulfill({ status: 404 });
        }
      });
      await page.exposeFunction('__latchkeyInvoke', (channel: string, args: unknown[]) =>
        deps.ipcMain.invoke(this.webContents.url, channel, ...args),
      );
      await page.exposeFunction('__latchkeyKey', (key: string) => {
        this.webContents.emit('before-input-event', { preventDefault() {} }, { type: 'keyDown', key });
      });
      if (preload) await page.addInitScript(preloadBridge(readFileSync(preload, 'utf8')));
      page.on('pageerror', (error) => this.webContents.emit('console-message', { level: 'error', message: error.message }));
      await page.goto(`${pageOrigin}/${relative(root, filePath).split(sep).join('/')}`);
      this.webContents.emit('did-finish-load');
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
