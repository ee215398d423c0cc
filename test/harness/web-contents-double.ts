import { EventEmitter } from 'node:events';
import type * as Electron from 'electron';
import type { CDPSession, Page, Route } from 'playwright-core';
import type { IpcMainDouble } from './electron-double';
import { FrameTree, WebFrameMainDouble } from './frame-double';
import { decodeIpc, encodeIpc, fromMainEntry, ipcBinding, isolatedWorldSource, mainWorldSource, preloadWorld } from './preload-world';
import type { ProtocolDouble } from './protocol-double';

type IpcMessage = { kind: 'key'; type: 'keyDown'; key: string } | { kind: 'invoke'; id: number; channel: string; args: unknown[] };
type Reply = { kind: 'reply'; id: number; ok: true; value: unknown } | { kind: 'reply'; id: number; ok: false; error: string };

const fetchable = (url: string) => /^https?:/u.test(url);
let nextProcessId = 1;

/**
 * Electron's WebContents for one window, with a real Chromium page behind it. Navigation, new
 * windows and IPC come from what the page really does (CDP events and request interception); the
 * app's handlers answer them the way Electron would ask.
 */
export class WebContentsDouble extends EventEmitter {
  page: Page | null = null;
  destroyed = false;
  windowOpenHandler: ((details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse) | null = null;
  permissionRequestHandler: unknown = null;
  permissionCheckHandler: unknown = null;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  /** Windows the page opened that the handler allowed (the double does not model them further). */
  readonly allowedWindows: string[] = [];
  readonly session = {
    setPermissionRequestHandler: (handler: unknown) => void (this.permissionRequestHandler = handler),
    setPermissionCheckHandler: (handler: unknown) => void (this.permissionCheckHandler = handler),
  };
  readonly frames: FrameTree;
  #cdp: CDPSession | null = null;
  readonly #contexts = new Map<number, string>();
  #mainContext: number | null = null;
  /** Chromium URLs whose will-navigate has been answered: true when the app let it go ahead. */
  readonly #verdicts = new Map<string, boolean>();
  readonly #firedByRoute = new Set<string>();
  #loading: string | null = null;
  #popupsToClose = 0;
  #nextForeignId = 0;
  readonly #placeholder = new WebFrameMainDouble('', 0, 0, null, 0);

  constructor(
    private readonly protocol: ProtocolDouble,
    private readonly ipcMain: IpcMainDouble,
  ) {
    super();
    this.frames = new FrameTree((url) => protocol.fromChromium(url), nextProcessId++);
  }

  get mainFrame(): Electron.WebFrameMain {
    return (this.frames.main() ?? this.#placeholder) as unknown as Electron.WebFrameMain;
  }
  getURL(): string {
    return this.frames.main()?.url ?? '';
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: Electron.HandlerDetails) => Electron.WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    // Sent before the page's preload exists, a message finds no listener, as in Electron.
    if (this.#mainContext !== null) void this.#toPreload(this.#mainContext, encodeIpc({ kind: 'event', channel, args }));
  }

  /** Puts a fresh Chromium page behind this web contents, with the preload in its isolated world. */
  async attach(page: Page, preload: { source: string; subFrames: boolean } | null): Promise<void> {
    this.page = page;
    const cdp = await page.context().newCDPSession(page);
    this.#cdp = cdp;
    cdp.on('Page.frameAttached', (event) => this.frames.attached(event));
    cdp.on('Page.frameNavigated', (event) => this.frames.navigated(event));
    cdp.on('Page.frameDetached', (event) => this.frames.detached(event));
    cdp.on('Runtime.executionContextCreated', ({ context }) => {
      const frameId = (context.auxData as { frameId?: string } | undefined)?.frameId;
      if (context.name !== preloadWorld || !frameId) return;
      this.#contexts.set(context.id, frameId);
      if (frameId === this.frames.mainFrameId) this.#mainContext = context.id;
    });
    cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => {
      this.#contexts.delete(executionContextId);
      if (this.#mainContext === executionContextId) this.#mainContext = null;
    });
    cdp.on('Runtime.executionContextsCleared', () => {
      this.#contexts.clear();
      this.#mainContext = null;
    });
    cdp.on('Runtime.bindingCalled', (event) => {
      if (event.name !== ipcBinding) return;
      this.#fromPreload(event.executionContextId, decodeIpc(event.payload) as IpcMessage);
    });
    cdp.on('Page.frameRequestedNavigation', (event) => this.#navigationRequested(event.frameId, event.url, event.disposition));
    cdp.on('Page.windowOpen', (event) => this.#windowOpen(event.url, event.windowName, event.windowFeatures));
    page.on('popup', (popup) => {
      if (this.#popupsToClose === 0) return;
      this.#popupsToClose -= 1;
      void popup.close().catch(() => {});
    });
    page.on('pageerror', (error) => this.emit('console-message', { level: 'error', message: error.message }));
    await cdp.send('Page.enable');
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    this.frames.frame(frameTree.frame.id);
    await cdp.send('Runtime.addBinding', { name: ipcBinding, executionContextName: preloadWorld });
    if (preload) {
      // Registration order is evaluation order: the main world's half must be listening first.
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: mainWorldSource() });
      await cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: isolatedWorldSource(preload.source, preload), worldName: preloadWorld });
    }
    await page.route('**/*', (route) => this.#route(route));
  }

  /** What loadURL does: a browser-initiated navigation, which fires no will-navigate. */
  async load(url: string): Promise<void> {
    if (!this.page) throw new Error('The web contents has no page');
    const target = this.protocol.toChromium(url);
    this.#loading = target;
    await this.page.goto(target);
    this.emit('did-finish-load');
  }

  /**
   * A script in the frame named `frameName` that reached ipcRenderer (a compromised renderer, or a
   * preload loaded into subframes by nodeIntegrationInSubFrames) invokes `channel`. The sender's
   * identity is whatever Chromium says that frame is.
   */
  async invokeFrom(frameName: string, channel: string, ...args: unknown[]): Promise<unknown> {
    const cdp = this.#cdp;
    const frame = this.frames.named(frameName);
    if (!cdp || !frame) throw new Error(`The page has no frame named ${frameName}`);
    const { executionContextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frame.cdpFrameId, worldName: preloadWorld });
    const id = -(this.#nextForeignId += 1);
    const answered = new Promise<Reply>((resolve) => {
      const listener = (contextId: number, reply: Reply) => {
        if (contextId !== executionContextId || reply.id !== id) return;
        this.off('ipc-answered', listener);
        resolve(reply);
      };
      this.on('ipc-answered', listener);
    });
    await cdp.send('Runtime.evaluate', {
      contextId: executionContextId,
      expression: `globalThis.${ipcBinding}(${JSON.stringify(encodeIpc({ kind: 'invoke', id, channel, args }))})`,
    });
    const reply = await answered;
    if (!reply.ok) throw new Error(`Error invoking remote method '${channel}': ${reply.error}`);
    return reply.value;
  }

  #fromPreload(contextId: number, message: IpcMessage): void {
    const frameId = this.#contexts.get(contextId);
    const frame = frameId ? this.frames.known(frameId) : null;
    if (message.kind === 'key') {
      // before-input-event belongs to the web contents; only its main frame's preload sees keys here.
      // Electron's preventDefault here keeps the key from the page; the page has already seen it in
      // this double, so a listener that calls it fails loudly rather than passing by accident.
      const preventDefault = () => {
        throw new Error('before-input-event preventDefault is not modelled: the page would never have seen this key');
      };
      if (frame && frame === this.frames.main()) this.emit('before-input-event', { preventDefault }, { type: message.type, key: message.key });
      return;
    }
    void this.ipcMain
      .invoke({ sender: this, senderFrame: frame }, message.channel, ...message.args)
      .then(
        (value): Reply => ({ kind: 'reply', id: message.id, ok: true, value: structuredClone(value) }),
        (error: unknown): Reply => ({ kind: 'reply', id: message.id, ok: false, error: String(error) }),
      )
      .then((reply) => {
        this.emit('ipc-answered', contextId, reply);
        return this.#toPreload(contextId, encodeIpc(reply));
      });
  }

  async #toPreload(contextId: number, text: string): Promise<void> {
    await this.#cdp
      ?.send('Runtime.evaluate', { contextId, expression: `globalThis.${fromMainEntry}?.(${JSON.stringify(text)})` })
      .catch(() => {});
  }

  /**
   * will-navigate: "Emitted when a user or the page wants to start navigation on the main frame",
   * not for loadURL; https://www.electronjs.org/docs/latest/api/web-contents#event-will-navigate
   */
  #willNavigate(url: string): boolean {
    let prevented = false;
    const frame = this.mainFrame;
    const details = {
      url: this.protocol.fromChromium(url),
      isSameDocument: false,
      isMainFrame: true,
      frame,
      initiator: frame,
      preventDefault: () => void (prevented = true),
      get defaultPrevented() {
        return prevented;
      },
    };
    this.emit('will-navigate', details, details.url, false, true, frame.processId, frame.routingId);
    return !prevented;
  }

  #navigationRequested(frameId: string, url: string, disposition: string): void {
    // Subframes get will-frame-navigate, new windows the window-open handler.
    if (frameId !== this.frames.mainFrameId || disposition !== 'currentTab') return;
    if (this.#firedByRoute.delete(url)) return;
    const allowed = this.#willNavigate(url);
    if (fetchable(url)) this.#verdicts.set(url, allowed);
  }

  /**
   * setWindowOpenHandler: "Called before creating a window a new window is requested by the
   * renderer, e.g. by window.open(), a link with target=_blank"; web-contents docs, setWindowOpenHandler.
   */
  #windowOpen(url: string, frameName: string, features: string[]): void {
    const details = {
      url: this.protocol.fromChromium(url),
      frameName,
      features: features.join(','),
      disposition: features.length > 0 ? 'new-window' : 'foreground-tab',
      referrer: { url: this.getURL(), policy: 'strict-origin-when-cross-origin' },
    } as Electron.HandlerDetails;
    const response = this.windowOpenHandler?.(details) ?? { action: 'allow' };
    // Denied, Electron creates no window; Chromium already has one, so it is closed unseen.
    if (response.action === 'deny') this.#popupsToClose += 1;
    else this.allowedWindows.push(details.url);
  }

  async #route(route: Route): Promise<void> {
    const request = route.request();
    const url = request.url();
    if (request.isNavigationRequest() && request.frame() === this.page?.mainFrame()) {
      if (url === this.#loading) this.#loading = null;
      // will-navigate's preventDefault cancels it: the page stays, with no error page (ERR_ABORTED).
      else if (!this.#navigationAllowed(url)) return route.abort('aborted');
    }
    if (!this.protocol.isStandIn(url)) return route.fallback();
    const response = await this.protocol.respond(new Request(this.protocol.fromChromium(url), { method: request.method() }));
    // No handler: Chromium's ERR_UNKNOWN_URL_SCHEME.
    if (!response) return route.abort('failed');
    const body = Buffer.from(await response.arrayBuffer());
    await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body });
  }

  #navigationAllowed(url: string): boolean {
    const verdict = this.#verdicts.get(url);
    if (verdict !== undefined) {
      this.#verdicts.delete(url);
      return verdict;
    }
    // The request came before CDP's frameRequestedNavigation: ask now, and let that event pass.
    this.#firedByRoute.add(url);
    return this.#willNavigate(url);
  }
}
