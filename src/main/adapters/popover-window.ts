import type { BrowserWindowConstructorOptions } from 'electron';
import { isWaylandSession, knownCursor } from '../../core/popover/cursor';
import { popoverBounds, positionHonoured, type DisplayArea, type PlacedBounds, type Placement } from '../../core/popover/position';
import { PopoverToggle } from '../../core/popover/toggle';
import type { Clock, Logger } from '../../core/ports';
import type { ElectronApi, PopoverWindowApi } from '../electron-api';
import { popoverPageUrl } from './app-protocol';
import { eventChannel } from '../../contract/channels';

/** What opened the popover: a click on the tray icon (or its menu), or the global shortcut. */
export type PopoverOpener = 'tray' | 'shortcut';

/** The width, and the height until the content has measured itself. */
export const popoverSize = { width: 360, height: 480 };

/**
 * How long a show waits, after the page has loaded, for the content's first measurement before
 * showing at the old size anyway (a renderer that never measures must not keep the popover shut).
 * @default 1000
 */
export const firstFitDeadlineMs = 1000;

/** Where the popover is: anchored as the core decided, or wherever the window manager put it. */
export interface PopoverPlacement extends Omit<PlacedBounds, 'anchoredTo'> {
  anchoredTo: Placement['anchoredTo'] | 'compositor';
}

export interface PopoverEnvironment {
  clock: Pick<Clock, 'setTimeout'>;
  logger: Logger;
  /** The process environment: it says whether this is a Wayland session. */
  env: Record<string, string | undefined>;
}


export function popoverWindowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    ...popoverSize,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    transparent: false,
    title: 'Latchkey',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
    },
  };
}

export interface PopoverWindow {
  readonly window: PopoverWindowApi;
  /** The popover's page on the app's own origin (served by adapters/app-protocol.ts). */
  readonly url: string;
  ready: Promise<void>;
  toggle(opener?: PopoverOpener): void;
  show(opener?: PopoverOpener): void;
  hide(): void;
  isVisible(): boolean;
  /** The rendered content's height, measured in the popover: the window follows it. Answers the window's height. */
  fit(contentHeight: number): number;
  /** Where the popover was last put, or null before the first time. */
  placement(): PopoverPlacement | null;
}

/**
 * The popover: created hidden at start so a click shows it without a cold render; placed next to
 * the tray within the work area; hidden on blur and on Esc; never navigates or opens windows.
 */
export function createPopoverWindow(
  electron: Pick<ElectronApi, 'BrowserWindow' | 'screen' | 'app'>,
  paths: { preload: string; rendererIndex: string },
  trayBounds: () => Electron.Rectangle,
  now: () => number,
  platform: NodeJS.Platform,
  environment: PopoverEnvironment,
): PopoverWindow {
  const window = new electron.BrowserWindow(popoverWindowOptions(paths.preload));
  const url = popoverPageUrl;
  const toggle = new PopoverToggle();

  // New windows, navigation and <webview> are refused for every web contents by
  // guardAllWebContents (adapters/web-contents-guard.ts); permissions are refused here.
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  window.webContents.session.setPermissionCheckHandler(() => false);
  // Esc is the page's to handle: a form open in the popover closes on it, and only an Esc nothing
  // took hides the window (the page asks through hidePopover). before-input-event's preventDefault
  // would keep the key from the page altogether (Electron docs, web-contents "before-input-event").
  window.on('blur', () => {
    if (!window.isVisible()) return;
    toggle.blurred(now());
    window.hide();
  });
  // macOS: open on the active Space and over full-screen apps rather than jumping to the Space it
  // was created on (as menubar does, src/Menubar.ts createWindow; gitify's electron-menubar fixed
  // its "jumps to another Space" reports the same way). The option is macOS-only and the call
  // does nothing on Windows (docs/api/browser-window.md, setVisibleOnAllWorkspaces).
  if (platform === 'darwin') window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });

  const wayland = isWaylandSession(platform, environment.env);
  let contentHeight: number | null = null;
  let placed: PopoverPlacement | null = null;
  /** The window manager ignored a position once: it places the window, and we stop asking. */
  let compositorPlaces = false;
  let readyToShow = false;
  let showWhenReady = false;
  let opener: PopoverOpener = 'tray';
  const firstFit = Promise.withResolvers<void>();

  function layout(): PlacedBounds {
    const bounds = trayBounds();
    const cursor = knownCursor(() => electron.screen.getCursorScreenPoint(), { wayland });
    // The primary first; the core picks the one holding the tray, else the pointer.
    const displays: DisplayArea[] = [electron.screen.getPrimaryDisplay()];
    if (bounds.width > 0 && bounds.height > 0) displays.push(electron.screen.getDisplayMatching(bounds));
    if (cursor) displays.push(electron.screen.getDisplayNearestPoint(cursor));
    return popoverBounds({
      trayBounds: bounds,
      displays,
      cursor,
      width: popoverSize.width,
      contentHeight: contentHeight ?? popoverSize.height,
      centreWithoutTray: opener === 'shortcut',
    });
  }

  /** Sizes and anchors in one setBounds, so a taller state never shows at the old place. */
  function place(): void {
    const next = layout();
    const before = window.getBounds();
    const resizing = before.width !== next.width || before.height !== next.height;
    // A window that is not resizable grows but does not shrink (electron/electron#42258 on Linux,
    // open; #15560 on Windows); allowing resizing around the call is the known way through.
    if (resizing) window.setResizable(true);
    const size = { width: next.width, height: next.height };
    window.setBounds(compositorPlaces ? size : { x: next.x, y: next.y, ...size }, false);
    if (resizing) window.setResizable(false);
    const actual = window.getBounds();
    // Wayland: "not possible to position … windows" and getBounds reports (0, 0)
    // (docs/api/browser-window.md, Platform notices; electron/electron#40886). Only Linux has a
    // window manager that places windows itself; elsewhere a read-back off by more than rounding
    // (a display's DPI change mid-move) is no reason to stop anchoring.
    if (platform === 'linux' && !compositorPlaces && !positionHonoured(next, actual)) {
      compositorPlaces = true;
      environment.logger.log('info', 'The window manager places the popover itself; it is not anchored to the tray', { wayland });
    }
    placed = { ...next, ...actual, anchoredTo: compositorPlaces ? 'compositor' : next.anchoredTo };
  }

  function show(by: PopoverOpener = 'tray'): void {
    opener = by;
    if (!readyToShow) {
      showWhenReady = true;
      return;
    }
    showWhenReady = false;
    place();
    // macOS 14's cooperative activation: BrowserWindow.focus asks with activateIgnoringOtherApps:NO
    // (shell/browser/native_window_mac.mm, Focus), which the system may refuse while another app is
    // active, and a window that never became key never blurs, so blur-to-hide would not work.
    // app.focus({ steal: true }) activates with YES (shell/browser/browser_mac.mm; the limits of
    // the new API are discussed in electron/electron#40307). Only ever on the user's own click.
    if (platform === 'darwin') electron.app.focus({ steal: true });
    window.show();
    window.focus();
    // The page moves focus to its heading, so a screen reader starts reading at the top.
    if (!window.webContents.isDestroyed()) window.webContents.send(eventChannel('shown'));
  }

  function hide(): void {
    showWhenReady = false;
    if (window.isVisible()) window.hide();
  }

  const loaded = window.loadURL(url);
  // Shown only once the content has measured itself, so the first show is already the right size.
  const ready = loaded.then(
    () =>
      new Promise<void>((resolve) => {
        const cancel = environment.clock.setTimeout(resolve, firstFitDeadlineMs);
        void firstFit.promise.then(() => {
          cancel();
          resolve();
        });
      }),
  );
  void ready.then(
    () => {
      readyToShow = true;
      if (showWhenReady) show(opener);
    },
    () => {},
  );

  return {
    window,
    url,
    ready,
    show,
    hide,
    isVisible: () => window.isVisible(),
    fit(height) {
      if (height !== contentHeight || placed === null) {
        contentHeight = height;
        // Hidden too: the next show is then already the right size.
        place();
      }
      firstFit.resolve();
      return placed!.height;
    },
    placement: () => placed,
    toggle(by: PopoverOpener = 'tray') {
      const action = toggle.clicked(now(), window.isVisible());
      if (action === 'show') show(by);
      else if (action === 'hide') hide();
    },
  };
}
