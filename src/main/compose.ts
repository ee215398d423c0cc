import { eventChannel } from '../contract/channels';
import type { CommandHandlers } from '../contract/commands';
import type { AccountView, VaultView } from '../contract/view';
import type { Account } from '../core/account/account';
import type { Accounts, AccountKey } from '../core/accounts/accounts';
import { wireAccounts } from './wire-accounts';
import { trayPresentation } from '../core/account/tray-presentation';
import { toAccountView, type ViewContext } from '../core/account/view';
import type { LatchkeyConfig } from '../core/config';
import type { Clock, Http, Logger } from '../core/ports';
import { activeScheme, protocolPlan } from '../core/auth/protocol-plan';
import { SignInFlow } from '../core/auth/sign-in-flow';
import { ServerDiscovery } from '../core/auth/server-discovery';
import { storedIssuerMemory } from '../core/auth/issuer-memory';
import { ServerDirectory } from '../core/auth/server-directory';
import type { DeepLinks } from './adapters/deep-links';
import { externalBrowser } from './adapters/external-browser';
import { registerProtocol, type RunProgram } from './adapters/protocol-registration';
import { Vault } from '../core/vault/vault';
import type { VaultStatus } from '../core/vault/status';
import { JsonFileStore, type JsonStoreClass } from './adapters/key-value-store';
import { createSafeStorageCipher } from './adapters/safe-storage-cipher';
import { systemRandom } from './adapters/node-ports';
import { netHttp } from './adapters/net-http';
import { createNotifier } from './adapters/notifier';
import { OfflineConnectivityWatch, watchConnectivity } from '../core/session/connectivity';
import { registerCommands } from './adapters/ipc';
import { lazyLoopback } from './adapters/lazy-loopback';
import { deliverLaunch } from './launch-delivery';
import { createPopoverWindow, type PopoverWindow } from './adapters/popover-window';
import { wireLogFiles } from './log-files';
import { wireAppSelfTest } from './self-test-wiring';
import type { SelfTestReport } from '../core/self-test/self-test';
import { settingsCommands } from './settings-commands';
import { wireOpenAtLogin } from './wire-open-at-login';
import { createTray, type AppTray } from './adapters/tray';
import { wireTrayTheme } from './wire-tray-theme';
import { wireDeviceSignIn } from './wire-device-sign-in';
import { wireUpdates, type UpdateOptions } from './wire-updates';
import { wireGlobalShortcut } from './wire-global-shortcut';
import { guardAllWebContents } from './adapters/web-contents-guard';
import { serveRenderer } from './adapters/app-protocol';
import type { ElectronApi } from './electron-api';
import type { LaunchTarget } from '../core/login-items/launch-command';
import type { LaunchMode } from '../core/login-items/launch-mode';
import type { OpenAtLogin } from '../core/login-items/open-at-login';
import { noTrace, type Trace } from '../core/trace';

export interface StartOptions {
  config: LatchkeyConfig;
  /** The BetterAuth server's origin: the configured one, or the embedded development server. */
  serverOrigin: string;
  paths: { preload: string; rendererIndex: string; staticDir: string };
  /** electron-store's class in the app; conf's in tests (same API, no Electron import). */
  storeClass: JsonStoreClass;
  platform: NodeJS.Platform;
  clock: Clock;
  logger: Logger;
  /** How this process was started and what a login item should start; main.ts fills it from `process`. */
  launch: {
    target: LaunchTarget;
    argv: readonly string[];
    /** XDG directories and the Flatpak/Snap markers; tests point XDG_CONFIG_HOME at a temporary folder. */
    env: Record<string, string | undefined>;
    windowsStore?: boolean;
    /** Runs xdg-mime when registering the scheme on Linux; tests record the call instead. */
    run: RunProgram;
  };
  /** Installed at module top level by main.ts, before `ready`, so no launch link is lost. */
  deepLinks: DeepLinks;
  /** Marks the steps of the start and the handoff; only `npm run bench` passes one. */
  trace?: Trace;
  /** The update feed; none (a development checkout) when absent. */
  updates?: UpdateOptions;
}

export interface RunningLatchkey {
  /** The active account. */
  readonly account: Account;
  /** Every account, and which is active. */
  accounts: Accounts;
  vault: Vault;
  tray: AppTray;
  popover: PopoverWindow;
  view(): AccountView;
  launchMode: LaunchMode;
  openAtLogin: OpenAtLogin;
  updates: ReturnType<typeof wireUpdates>['updates'];
  /**
   * `fetch` for app features in the main process: the Bearer token attached, and a 401 answered
   * by one shared revalidation. The token itself never leaves the main process.
   */
  authenticatedFetch: Http;
  /** The same, as a named account (server and user) rather than the active one. */
  authenticatedFetchAs(key: AccountKey): Http;
  /** `--self-test`: every OS integration checked, as a report without secrets. */
  selfTest(): Promise<SelfTestReport>;
  stop(): void;
}

/**
 * The composition root: wires Electron's modules into the core's ports and the core's state into
 * the tray and the popover. `main.ts` calls it with the real Electron; the tests call it with a
 * double typed against the same API.
 */
export async function startLatchkey(electron: ElectronApi, options: StartOptions): Promise<RunningLatchkey> {
  const { config, clock, paths, platform } = options;
  const trace = options.trace ?? noTrace;
  trace.mark('start called');
  await electron.app.whenReady();
  const logFiles = wireLogFiles(electron, options.logger, () => clock.now());
  const { logger } = logFiles;
  electron.app.dock?.hide();
  guardAllWebContents(electron.app, logger);
  // Windows names notifications and the login item's Run value after the AppUserModelID; the
  // uninstaller removes the Run value by this name, and getLoginItemSettings has no other way in.
  if (platform === 'win32') electron.app.setAppUserModelId(config.appId);
  // A tray app keeps running with no window open.
  electron.app.on('window-all-closed', () => {});

  // safeStorage may only be used once the app is ready.
  const store = new JsonFileStore(options.storeClass, { directory: electron.app.getPath('userData'), name: 'latchkey' });
  trace.mark('store opened');
  const vault = await Vault.open({ cipher: createSafeStorageCipher(electron.safeStorage, platform), store, clock, logger, recovery: store, trace });
  trace.mark('keyring asked');

  let render = () => {};
  const { loginItems, openAtLogin } = wireOpenAtLogin({
    electron,
    platform,
    productName: config.productName,
    appId: config.appId,
    launch: options.launch,
    logger,
    onChange: (status) => {
      context.openAtLogin = status;
      render();
    },
  });

  const scheme = activeScheme(config, electron.app.isPackaged);
  const { target } = options.launch;
  const plan = protocolPlan({ ...target, platform, isPackaged: electron.app.isPackaged, appImage: target.appImage, scheme, productName: config.productName });
  // Not awaited until the tray and the popover are up: on Linux it writes a file and runs xdg-mime.
  const registering = registerProtocol(
    electron.app,
    plan,
    { xdgDataHome: options.launch.env.XDG_DATA_HOME, run: options.launch.run, logger },
  );
  const http: Http = netHttp(electron.net);
  // Endpoints from the server's RFC 8414 metadata, so the origin is all the configuration needs.
  const issuers = storedIssuerMemory(store, logger);
  const discovery = new ServerDiscovery({ http, serverOrigin: options.serverOrigin, logger, issuers });
  // Accounts added on other servers: each server discovered the same way, and held to its `iss`.
  const servers = new ServerDirectory(options.serverOrigin, discovery, (origin) => new ServerDiscovery({ http, serverOrigin: origin, logger, issuers }));
  const signIn = new SignInFlow({
    discovery,
    servers,
    serverOrigin: options.serverOrigin,
    clientId: config.clientId,
    scheme,
    lifetimeMs: config.signInLifetimeMs,
    secrets: vault,
    http,
    browser: externalBrowser(electron.shell, (origin) => servers.knows(origin)),
    clock,
    random: systemRandom,
    logger,
    trace,
    ...(config.loopbackFallback ? { loopback: lazyLoopback } : {}),
  });
  const device = wireDeviceSignIn({ browser: signIn, clientId: config.clientId, secrets: vault, http, clock, random: systemRandom, logger, discovery, servers, clipboard: electron.clipboard, trace });
  // Without a registered scheme the browser cannot come back through it: loopback is the way.
  const defaultVia = registering.then((registration) => (registration.registered || !config.loopbackFallback ? 'scheme' : 'loopback'));

  const notifier = createNotifier(electron, config.productName, logger);
  const wired = wireAccounts(
    { clock, logger, config, random: systemRandom, http, notifier, serverOrigin: options.serverOrigin, discovery, servers, vault, signIn: device.signIn, trace },
    defaultVia,
    servers,
  );
  const { accounts } = wired;
  signIn.onLoopbackCallback((url) => void accounts.receiveCallback(url));
  // Not awaited here: the cached profiles are on screen at once, and the server checks that follow
  // must not hold up the tray and the popover.
  const started = accounts.start();

  const trayTheme = wireTrayTheme({
    nativeTheme: electron.nativeTheme,
    store,
    platform,
    logger,
    onVariant: (variant) => tray.setVariant(variant),
    onSetting: () => {
      context.trayIcon = trayTheme.view();
      render();
    },
  });
  const updating = wireUpdates({
    electron,
    options: options.updates ?? { configPath: null, packageType: null },
    platform,
    clock,
    logger,
    notifier,
    settings: store,
    productName: config.productName,
    account: wired.anySigningIn,
    settled: () => vault.settled(),
    onChange: () => {
      context.update = updates.view();
      render();
    },
  });
  const { updates } = updating;
  const shortcut = wireGlobalShortcut({
    electron,
    store,
    platform,
    logger,
    pressed: () => {
      popover?.toggle('shortcut');
      opened();
    },
  });
  const context: ViewContext = {
    vault: vaultView(vault.status()),
    openAtLogin: { supported: false, enabled: false, requiresApproval: false },
    loopbackAvailable: config.loopbackFallback,
    appVersion: electron.app.getVersion(),
    trayIcon: trayTheme.view(),
    update: updates.view(),
    shortcut: shortcut.view(),
  };
  const view = (): AccountView => toAccountView(accounts.active.state, context, { now: clock.now(), otherNotice: vault.status().notice, accounts: wired.list() });

  // A sign-out the disk refused gets one more try before the process ends: a deletion needs no
  // keyring, so it is written synchronously here (Electron does not wait for promises at quit).
  electron.app.on('before-quit', () => vault.saveDeletionsNow());
  const resumed = () => void vault.refresh().then(() => accounts.systemResumed());
  electron.powerMonitor.on('resume', resumed);
  electron.powerMonitor.on('unlock-screen', resumed);
  const network = new OfflineConnectivityWatch(() => watchConnectivity(() => electron.net.isOnline(), clock, resumed));
  const stopFollowingNetwork = accounts.onChange(() => network.follow(accounts.list().some(({ account }) => account.state.kind === 'offline')));

  let popover: PopoverWindow | null = null;
  const opened = () => {
    if (popover?.isVisible()) {
      void vault.refresh().then(() => accounts.popoverOpened());
      void openAtLogin.refresh();
    }
  };
  const tray = createTray(electron, paths.staticDir, platform, trayTheme.variant(), {
    toggle: () => {
      popover?.toggle();
      opened();
    },
    open: () => {
      popover?.show();
      opened();
    },
    signIn: () => void defaultVia.then((via) => accounts.active.signIn(via)),
    signOut: () => void accounts.active.signOut(),
    cancelSignIn: () => void accounts.active.cancelSignIn(),
    selectAccount: (slot) => void accounts.select(slot),
    setOpenAtLogin: (enabled) => void openAtLogin.set(enabled),
    restartToUpdate: () => void updates.restart(),
    quit: () => electron.app.quit(),
  });
  const stopServing = serveRenderer(electron.protocol, paths.rendererIndex, logger);
  popover = createPopoverWindow(electron, paths, () => tray.tray.getBounds(), () => clock.now(), platform, { clock, logger, env: options.launch.env });
  trace.mark('popover window created');

  const { probe, selfTest } = wireAppSelfTest({ electron, platform, plan, registering, launch: options.launch, loginItems, trayCreated: () => !tray.tray.isDestroyed(), preloadPath: paths.preload, clock, logger, updates: updating.feed });

  const handlers: CommandHandlers = {
    getView: () => view(),
    ...device.handlers(() => accounts.active),
    ...wired.handlers,
    signIn: async () => accounts.active.signIn(await defaultVia),
    cancelSignIn: () => accounts.active.cancelSignIn(),
    submitCode: ({ code }) => accounts.active.submitCode(code),
    useLoopback: () => accounts.active.signIn('loopback'),
    signOut: () => accounts.active.signOut(),
    retry: () => accounts.active.retry(),
    ...updating.handlers,
    ...settingsCommands({ electron, vault, openAtLogin, trayTheme, selfTest, logFiles, popover: () => popover }),
    setShortcut: ({ accelerator }) => {
      const outcome = shortcut.set(accelerator);
      context.shortcut = shortcut.view();
      render();
      return outcome;
    },
  };
  const unregister = registerCommands(electron.ipcMain, handlers, () => popover?.window.webContents ?? null, logger);

  render = () => {
    tray.render({ presentation: trayPresentation(accounts.active.state, config.productName), openAtLogin: context.openAtLogin, update: context.update.ready, accounts: wired.list().items });
    const contents = popover?.window.webContents;
    if (contents && !contents.isDestroyed()) contents.send(eventChannel('view'), view());
    trace.mark('view pushed');
  };
  const unsubscribe = accounts.onChange(render);
  const stopVaultStatus = vault.onStatusChange((status) => {
    context.vault = vaultView(status);
    render();
  });
  render();
  trace.mark('tray created');
  const registration = await registering;
  if (!registration.registered) logger.log('warn', 'The sign-in link scheme could not be registered; sign-in will use loopback', { reason: registration.reason });
  await openAtLogin.applyFirstRunDefault(electron.app.isPackaged, store);
  await openAtLogin.refresh();
  render();
  await popover.ready;
  await started;
  const launchMode = deliverLaunch({
    deepLinks: options.deepLinks,
    probe,
    loginItems,
    receiveCallback: (url) => void accounts.receiveCallback(url),
    showPopover: () => {
      popover?.show();
      opened();
    },
  });

  // After the first view: the first check must not compete with the start.
  updates.begin();
  trace.mark('start finished');
  return {
    get account() {
      return accounts.active;
    },
    accounts,
    vault,
    tray,
    popover,
    view,
    launchMode,
    openAtLogin,
    updates,
    selfTest: () => selfTest.run(),
    authenticatedFetch: wired.authenticatedFetch,
    authenticatedFetchAs: wired.authenticatedFetchAs,
    stop() {
      accounts.stop();
      device.dispose();
      stopFollowingNetwork();
      network.stop();
      updating.dispose();
      stopVaultStatus();
      trayTheme.dispose();
      shortcut.dispose();
      unsubscribe();
      unregister();
      stopServing();
      signIn.stop();
      tray.tray.destroy();
      popover?.window.destroy();
    },
  };
}

const vaultView = ({ persistence, strength, weakAllowed }: VaultStatus): VaultView => ({ persistence, strength, weakAllowed });
