import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type * as Electron from 'electron';
import type { BrowserContext, Page } from 'playwright-core';
import type { PopoverWindowApi, WebContentsApi } from '../../src/main/electron-api';
import type { IpcMainDouble } from './electron-double';
import type { ProtocolDouble } from './protocol-double';
import { WebContentsDouble } from './web-contents-double';

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
  protocol: ProtocolDouble;
  windows: BrowserWindowDouble[];
}) {
  return class BrowserWindow extends EventEmitter implements BrowserWindowDouble {
    readonly webContents = new WebContentsDouble(deps.protocol, deps.ipcMain) as WebContentsApi & WebContentsDouble;
    #visible = false;
    #destroyed = false;
    #bounds: Electron.Rectangle;

    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      super();
      // With webviewTag false (the default) Chromium has no <webview>, so will-attach-webview never
      // fires; https://www.electronjs.org/docs/latest/api/webview-tag#enabling
      if (options.webPreferences?.webviewTag) throw new Error('The double does not model <webview>: keep webviewTag off');
      this.#bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
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
      await this.webContents.attach(await deps.chromium.newPage(), preload);
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
