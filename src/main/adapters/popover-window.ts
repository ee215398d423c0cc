import type { BrowserWindowConstructorOptions } from 'electron';
import { isWaylandSession, knownCursor } from '../../core/popover/cursor';
import { popoverPosition, type DisplayArea } from '../../core/popover/position';
import { PopoverToggle } from '../../core/popover/toggle';
import type { ElectronApi, PopoverWindowApi } from '../electron-api';
import { popoverPageUrl } from './app-protocol';

export const popoverSize = { width: 360, height: 480 };


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
  toggle(): void;
  show(): void;
  hide(): void;
  isVisible(): boolean;
}

/**
 * The popover: created hidden at start so a click shows it without a cold render; placed next to
 * the tray within the work area; hidden on blur and on Esc; never navigates or opens windows.
 */
export function createPopoverWindow(
  electron: Pick<ElectronApi, 'BrowserWindow' | 'screen'>,
  paths: { preload: string; rendererIndex: string },
  trayBounds: () => Electron.Rectangle,
  now: () => number,
  platform: NodeJS.Platform = process.platform,
): PopoverWindow {
  const window = new electron.BrowserWindow(popoverWindowOptions(paths.preload));
  const url = popoverPageUrl;
  const toggle = new PopoverToggle();

  // New windows, navigation and <webview> are refused for every web contents by
  // guardAllWebContents (adapters/web-contents-guard.ts); permissions are refused here.
  window.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  window.webContents.session.setPermissionCheckHandler(() => false);
  window.webContents.on('before-input-event', (event, input) => {
    if (input.type === 'keyDown' && input.key === 'Escape') {
      event.preventDefault();
      hide();
    }
  });
  window.on('blur', () => {
    if (!window.isVisible()) return;
    toggle.blurred(now());
    window.hide();
  });

  const wayland = isWaylandSession(platform, process.env);

  function place(): void {
    const bounds = trayBounds();
    const cursor = knownCursor(() => electron.screen.getCursorScreenPoint(), { wayland });
    // The primary first; the core picks the one holding the tray, else the pointer.
    const displays: DisplayArea[] = [electron.screen.getPrimaryDisplay()];
    if (bounds.width > 0 && bounds.height > 0) displays.push(electron.screen.getDisplayMatching(bounds));
    if (cursor) displays.push(electron.screen.getDisplayNearestPoint(cursor));
    const { x, y } = popoverPosition({ trayBounds: bounds, displays, cursor, size: popoverSize });
    window.setPosition(x, y, false);
  }

  function show(): void {
    place();
    window.show();
    window.focus();
  }

  function hide(): void {
    if (window.isVisible()) window.hide();
  }

  return {
    window,
    url,
    ready: window.loadURL(url),
    show,
    hide,
    isVisible: () => window.isVisible(),
    toggle() {
      const action = toggle.clicked(now(), window.isVisible());
      if (action === 'show') show();
      else if (action === 'hide') hide();
    },
  };
}
