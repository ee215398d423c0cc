import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, extname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import type { BrowserContext, Page } from 'playwright-core';
import type { PopoverWindowApi, WebContentsApi } from '../../src/main/electron-api';
import type { IpcMainDouble } from './electron-double';

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
}

export function createBrowserWindowDouble(deps: {
  chromium: BrowserContext;
  /** Electron's app emits 'web-contents-created' for every new window's contents. */
  app: EventEmitter;
  ipcMain: IpcMainDouble;
  windows: BrowserWindowDouble[];
}) {
  return class BrowserWindow extends EventEmitter implements BrowserWindowDouble {
    readonly webContents = new WebContentsDouble() as WebContentsApi & WebContentsDouble;
    #visible = false;
    #destroyed = false;
    #bounds: Electron.Rectangle;

    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      super();
      this.#bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
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

    show(): void {
      this.#visible = true;
      this.emit('show');
    }
    showInactive(): void {
      this.show();
    }
    hide(): void {
      this.#visible = false;
      this.emit('hide');
    }
    focus(): void {
      this.emit('focus');
    }
    isVisible(): boolean {
      return this.#visible;
    }
    isDestroyed(): boolean {
      return this.#destroyed;
    }
    setPosition(x: number, y: number): void {
      this.#bounds = { ...this.#bounds, x, y };
    }
    getBounds(): Electron.Rectangle {
      return { ...this.#bounds };
    }
    destroy(): void {
      this.#destroyed = true;
      this.webContents.destroyed = true;
      void this.webContents.page?.close().catch(() => {});
    }
    blur(): void {
      this.emit('blur');
    }
  };
}
