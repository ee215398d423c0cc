import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { eventChannel } from '../../src/contract/channels';
import type { CommandHandlers } from '../../src/contract/commands';
import { done } from '../../src/contract/outcome';
import type { AccountView } from '../../src/contract/view';
import type { Rect } from '../../src/core/popover/position';
import type { Logger } from '../../src/core/ports';
import { registerAppScheme, serveRenderer } from '../../src/main/adapters/app-protocol';
import { registerCommands } from '../../src/main/adapters/ipc';
import { createPopoverWindow, type PopoverWindow } from '../../src/main/adapters/popover-window';
import { builtPaths } from './app';
import type { Chromium } from './chromium';
import { createElectronDouble, type DisplayLayout, type ElectronDouble } from './electron-double';
import type { BrowserWindowDouble } from './window-double';

/** What the popover shows and how much room it takes, read inside Chromium. */
export interface PopoverMeasure {
  /** The window's height, as main set it. */
  window: number;
  /** Chromium's viewport: what the window's web contents has to paint in. */
  viewport: number;
  /** From the top of the page to the bottom edge of the lowest visible thing, plus main's bottom padding. */
  content: number;
  /** Empty rows between the lowest visible thing and the window's bottom edge. */
  blankBelow: number;
  /** Whether the popover's frame scrolls (only allowed when the display is too short). */
  scrolls: boolean;
  /** Horizontal overflow in CSS pixels (0 when nothing runs off the side). */
  overflowX: number;
}

export interface PopoverRigOptions {
  chromium: Chromium;
  view: AccountView;
  platform?: NodeJS.Platform;
  session?: 'x11' | 'wayland';
  displays?: DisplayLayout[];
  trayBounds?: Rect;
  /** Runs once the window exists and before its page has loaded, e.g. to click the tray early. */
  beforeReady?: (popover: PopoverWindow, window: BrowserWindowDouble) => void;
}

export interface PopoverRig {
  double: ElectronDouble;
  popover: PopoverWindow;
  window: BrowserWindowDouble;
  page: Page;
  logs: { level: string; message: string }[];
  /** The commands the popover sent, in order (besides getView and fitPopover). */
  calls: string[];
  /** Answers a command differently from now on, e.g. with a failure. */
  answer<K extends keyof CommandHandlers>(name: K, handler: CommandHandlers[K]): void;
  /** Where the taskbar reports the tray icon from now on. */
  setTray(bounds: Rect): void;
  /** What main pushes when the account changes. */
  push(view: AccountView): Promise<void>;
  /** Waits until the content has measured itself, main has sized the window, and Chromium has the new size. */
  settle(): Promise<void>;
  measure(): Promise<PopoverMeasure>;
  close(): void;
}

const frames = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

/**
 * The real popover window adapter and IPC registration on the Electron double, with the built
 * renderer and preload in Chromium, fed fixture views instead of a running account: every state,
 * on any display layout, without a server. The gallery and the sizing tests both use it.
 */
export async function startPopoverRig(options: PopoverRigOptions): Promise<PopoverRig> {
  const platform = options.platform ?? 'linux';
  const userData = mkdtempSync(join(tmpdir(), 'latchkey-rig-'));
  const double = createElectronDouble({ chromium: options.chromium.context, userData, platform, session: options.session });
  if (options.displays) double.screen.layout(options.displays);
  // As main.ts and compose.ts do: the app:// scheme privileged before ready, served after.
  registerAppScheme(double.protocol);
  double.app.becomeReady();
  const logs: PopoverRig['logs'] = [];
  const logger: Logger = { log: (level, message) => void logs.push({ level, message }) };
  let tray = options.trayBounds ?? { x: 0, y: 0, width: 0, height: 0 };
  const clock = { setTimeout: (fn: () => void, ms: number) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); } };
  const env = options.session === 'wayland' ? { XDG_SESSION_TYPE: 'wayland' } : {};
  const stopServing = serveRenderer(double.protocol, builtPaths.rendererIndex, logger);
  const popover = createPopoverWindow(double.electron, builtPaths, () => tray, () => Date.now(), platform, { clock, logger, env });

  let view = options.view;
  /** The last height the popover asked for, and who waits for the next ask. */
  let lastAsked = -1;
  let nextAsk = Promise.withResolvers<void>();
  const askedFor = async (height: number) => {
    while (lastAsked !== height) await nextAsk.promise;
  };
  const calls: string[] = [];
  const answers = new Map<string, (payload: never) => unknown>();
  const handlers = Object.fromEntries(
    Object.keys(registerableCommands).map((name) => [
      name,
      (payload: never) => {
        calls.push(name);
        return answers.get(name)?.(payload) ?? done;
      },
    ]),
  ) as unknown as CommandHandlers;
  handlers.getView = () => view;
  handlers.fitPopover = ({ height }) => {
    const answer = { height: popover.fit(height) };
    lastAsked = height;
    const asked = nextAsk;
    nextAsk = Promise.withResolvers<void>();
    asked.resolve();
    return answer;
  };
  const unregister = registerCommands(double.ipcMain, handlers, () => popover.window.webContents, logger);
  options.beforeReady?.(popover, double.windows[0]!);
  await popover.ready;
  const window = double.windows[0]!;
  const page = window.page();

  const rig: PopoverRig = {
    double,
    popover,
    window,
    page,
    logs,
    calls,
    answer(name, handler) {
      answers.set(name, handler as (payload: never) => unknown);
    },
    setTray(bounds) {
      tray = bounds;
    },
    async push(next) {
      view = next;
      window.webContents.send(eventChannel('view'), next);
      await rig.settle();
    },
    async settle() {
      await frames(page);
      const content = await page.evaluate(() => Math.ceil(document.querySelector('main')!.getBoundingClientRect().height));
      await askedFor(content);
      await window.settled();
      await frames(page);
    },
    async measure() {
      const inPage = await page.evaluate(() => {
        const main = document.querySelector('main')!;
        const frame = document.querySelector<HTMLElement>('.frame')!;
        let lowest = 0;
        for (const element of main.querySelectorAll<HTMLElement>('*')) {
          const box = element.getBoundingClientRect();
          // checkVisibility skips what is not rendered, such as the body of a closed <details>.
          if (box.width > 0 && box.height > 0 && element.checkVisibility({ visibilityProperty: true })) lowest = Math.max(lowest, box.bottom + frame.scrollTop);
        }
        return {
          viewport: globalThis.innerHeight,
          lowest,
          padding: parseFloat(getComputedStyle(main).paddingBottom),
          scrolls: frame.scrollHeight > frame.clientHeight + 1 && getComputedStyle(frame).overflowY !== 'hidden',
          overflowX: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      return {
        window: window.getBounds().height,
        viewport: inPage.viewport,
        content: Math.ceil(inPage.lowest + inPage.padding),
        blankBelow: Math.max(0, Math.round(inPage.viewport - inPage.lowest)),
        scrolls: inPage.scrolls,
        overflowX: inPage.overflowX,
      };
    },
    close() {
      unregister();
      stopServing();
      window.destroy();
      rmSync(userData, { recursive: true, force: true });
    },
  };
  await rig.settle();
  return rig;
}

/** Every command the contract names; the rig answers each with success unless it overrides it. */
const registerableCommands: Record<keyof CommandHandlers, true> = {
  getView: true,
  addAccount: true,
  addAccountOnServer: true,
  selectAccount: true,
  signOutAccount: true,
  signOutAll: true,
  signIn: true,
  signInWithDevice: true,
  copyDeviceAddress: true,
  cancelSignIn: true,
  submitCode: true,
  useLoopback: true,
  signOut: true,
  retry: true,
  allowWeakEncryption: true,
  setOpenAtLogin: true,
  setTrayPanel: true,
  setShortcut: true,
  openLoginItemSettings: true,
  copyDiagnostics: true,
  hidePopover: true,
  fitPopover: true,
  openLogsFolder: true,
  quit: true,
  restartToUpdate: true,
  openReleaseNotes: true,
  setUpdateChannel: true,
  checkForUpdates: true,
};
