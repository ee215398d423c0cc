import { eventChannel } from '../contract/channels';
import type { CommandHandlers } from '../contract/commands';
import { done } from '../contract/outcome';
import type { AccountView } from '../contract/view';
import { Account } from '../core/account/account';
import { trayPresentation } from '../core/account/tray-presentation';
import { toAccountView, type ViewContext } from '../core/account/view';
import type { LatchkeyConfig } from '../core/config';
import type { Clock, Logger } from '../core/ports';
import type { SignInPort, TokenVault } from '../core/account/ports';
import { systemRandom } from './adapters/node-ports';
import { createNotifier } from './adapters/notifier';
import { watchConnectivity } from '../core/session/connectivity';
import { registerCommands } from './adapters/ipc';
import { createPopoverWindow, type PopoverWindow } from './adapters/popover-window';
import { createTray, type AppTray } from './adapters/tray';
import type { ElectronApi } from './electron-api';

export interface StartOptions {
  config: LatchkeyConfig;
  /** The BetterAuth server's origin: the configured one, or the embedded development server. */
  serverOrigin: string;
  paths: { preload: string; rendererIndex: string; staticDir: string };
  platform: NodeJS.Platform;
  clock: Clock;
  logger: Logger;
}

export interface RunningLatchkey {
  account: Account;
  tray: AppTray;
  popover: PopoverWindow;
  view(): AccountView;
  stop(): void;
}

/**
 * The composition root: wires Electron's modules into the core's ports and the core's state into
 * the tray and the popover. `main.ts` calls it with the real Electron; the tests call it with a
 * double typed against the same API.
 */
export async function startLatchkey(electron: ElectronApi, options: StartOptions): Promise<RunningLatchkey> {
  const { config, clock, logger, paths, platform } = options;
  await electron.app.whenReady();
  electron.app.dock?.hide();

  const account = new Account({
    clock,
    logger,
    config,
    random: systemRandom,
    http: (input, init) => electron.net.fetch(String(input), init),
    notifier: createNotifier(electron, config.productName),
    serverOrigin: options.serverOrigin,
    vault: interimVault(),
    signIn: interimSignIn((url) => electron.shell.openExternal(url), clock, config.signInLifetimeMs, options.serverOrigin),
  });
  await account.start();

  const context: ViewContext = {
    vault: { persistence: 'memoryOnly', strength: 'unavailable', weakAllowed: false },
    openAtLogin: { supported: false, enabled: false, requiresApproval: false },
    loopbackAvailable: config.loopbackFallback,
    appVersion: electron.app.getVersion(),
  };
  const view = () => toAccountView(account.state, context);

  const resumed = () => void account.systemResumed();
  electron.powerMonitor.on('resume', resumed);
  electron.powerMonitor.on('unlock-screen', resumed);
  const stopWatchingNetwork = watchConnectivity(() => electron.net.isOnline(), clock, resumed);

  let popover: PopoverWindow | null = null;
  const opened = () => {
    if (popover?.isVisible()) void account.popoverOpened();
  };
  const tray = createTray(electron, paths.staticDir, platform, {
    toggle: () => {
      popover?.toggle();
      opened();
    },
    open: () => {
      popover?.show();
      opened();
    },
    signIn: () => void account.signIn(),
    signOut: () => void account.signOut(),
    cancelSignIn: () => void account.cancelSignIn(),
    setOpenAtLogin: () => {},
    quit: () => electron.app.quit(),
  });
  popover = createPopoverWindow(electron, paths, () => tray.tray.getBounds(), () => clock.now());

  const handlers: CommandHandlers = {
    getView: () => view(),
    signIn: () => account.signIn(),
    cancelSignIn: () => account.cancelSignIn(),
    submitCode: ({ code }) => account.submitCode(code),
    useLoopback: () => account.signIn('loopback'),
    signOut: () => account.signOut(),
    retry: () => account.retry(),
    allowWeakEncryption: () => done,
    setOpenAtLogin: () => done,
    openLoginItemSettings: () => done,
    copyDiagnostics: () => done,
    hidePopover: () => {
      popover?.hide();
      return done;
    },
    quit: () => {
      electron.app.quit();
      return done;
    },
  };
  const unregister = registerCommands(electron.ipcMain, handlers, () => popover?.url ?? null, logger);

  const render = () => {
    tray.render({ presentation: trayPresentation(account.state, config.productName), openAtLogin: context.openAtLogin });
    const contents = popover?.window.webContents;
    if (contents && !contents.isDestroyed()) contents.send(eventChannel('view'), view());
  };
  const unsubscribe = account.onChange(render);
  render();
  await popover.ready;

  return {
    account,
    tray,
    popover,
    view,
    stop() {
      account.stop();
      stopWatchingNetwork();
      unsubscribe();
      unregister();
      tray.tray.destroy();
      popover?.window.destroy();
    },
  };
}

/** Until the encrypted vault is wired in: the session lives for this run only. */
function interimVault(): TokenVault {
  let token: string | null = null;
  return {
    readToken: async () => (token === null ? { kind: 'none' } : { kind: 'value', value: token }),
    writeToken: async (value) => void (token = value),
    deleteToken: async () => void (token = null),
    readCachedAccount: () => null,
    writeCachedAccount() {},
    clearCachedAccount() {},
  };
}

/** Until the PKCE flow is wired in: opens the authorize page and waits. */
function interimSignIn(open: (url: string) => Promise<void>, clock: Clock, lifetime: number, origin: string): SignInPort {
  return {
    async start(via) {
      await open(new URL('/desktop/authorize', origin).href);
      return { ok: true, pending: { expiresAt: clock.now() + lifetime, via } };
    },
    resume: async () => null,
    receiveCallback: async () => ({ kind: 'ignored' }),
    submitCode: async () => ({ kind: 'failed', message: 'Pasting a code is not available yet.' }),
    cancel: async () => {},
    onTimeout() {},
  };
}
