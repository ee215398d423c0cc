import Conf from 'conf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig, type LatchkeyConfigInput } from '../../src/core/config';
import type { Clock, Logger } from '../../src/core/ports';
import type { Trace } from '../../src/core/trace';
import { activeScheme } from '../../src/core/auth/protocol-plan';
import { registerAppScheme } from '../../src/main/adapters/app-protocol';
import { installDeepLinks } from '../../src/main/adapters/deep-links';
import { startLatchkey, type RunningLatchkey } from '../../src/main/compose';
import type { JsonStoreClass } from '../../src/main/adapters/key-value-store';
import type { UpdateOptions } from '../../src/main/wire-updates';
import { launchChromium, type Chromium } from './chromium';
import { createElectronDouble, type ElectronDouble } from './electron-double';
import type { SafeStorageDouble } from './safe-storage-double';
import type { BrowserWindowDouble } from './window-double';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The built bundles and static files the real app would load. `npm test` builds them first. */
export const builtPaths = {
  preload: join(root, 'dist/preload/preload.cjs'),
  rendererIndex: join(root, 'dist/renderer/index.html'),
  staticDir: join(root, 'static'),
};

export interface HarnessOptions {
  config?: Partial<LatchkeyConfigInput>;
  serverOrigin?: string;
  platform?: NodeJS.Platform;
  clock?: Clock;
  /** Reuse a Chromium (and a user-data folder) across restarts of the app. */
  chromium?: Chromium;
  userData?: string;
  onOpenExternal?: (url: string) => void | Promise<void>;
  /** Runs after the double exists and before `ready`, e.g. to set the keyring's mode. */
  beforeReady?: (double: ElectronDouble) => void;
  /** The OS keyring; pass the same one to a restarted app, as the real keyring outlives it. */
  safeStorage?: SafeStorageDouble;
  /** Stands in for running xdg-mime; records by default, may fail to model a desktop without it. */
  runProgram?: (file: string, args: string[]) => Promise<void>;
  /** The process's arguments, e.g. with --hidden for a start at login. */
  argv?: string[];
  /** macOS: the link LaunchServices started the app with, delivered in open-url before ready. */
  launchedByLink?: string;
  /** process.execPath and app.getAppPath(); development defaults per OS (Electron plus the checkout). */
  execPath?: string;
  appPath?: string;
  /** Marks of the start and the handoff, for `npm run bench`. */
  trace?: Trace;
  /** The store's file class: conf by default, a `FailingDisk`'s to fail chosen disk operations. */
  storeClass?: JsonStoreClass;
  /** The update feed (test/harness/update-server.ts); none by default, as in a checkout. */
  updates?: UpdateOptions;
}

/** A source checkout run with Electron, where each OS keeps it. */
const developmentPaths: Partial<Record<NodeJS.Platform, { execPath: string; appPath: string }>> = {
  win32: { execPath: 'C:\\src\\latchkey\\node_modules\\electron\\dist\\electron.exe', appPath: 'C:\\src\\latchkey' },
};

export interface Harness {
  double: ElectronDouble;
  app: RunningLatchkey;
  chromium: Chromium;
  userData: string;
  logs: { level: string; message: string; fields?: Record<string, unknown> }[];
  /** Programs the app ran (xdg-mime), recorded instead of run. */
  programsRun: string[][];
  /**
   * Resolves with the first log entry at or after index `from` that has `message` and the given
   * fields: the app's own word that something happened (or was refused), instead of a sleep.
   */
  logged(message: string, fields?: Record<string, unknown>, from?: number): Promise<Harness['logs'][number]>;
  popoverWindow(): BrowserWindowDouble;
  /** Stops the app; the Chromium and user data stay if the caller passed them in. */
  close(): Promise<void>;
}

/**
 * Starts the real composition root with only Electron replaced: the popover is the built renderer
 * in real Chromium, the preload is the built preload, and files go to a temporary user-data folder.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownChromium = !options.chromium;
  const chromium = options.chromium ?? (await launchChromium());
  const ownUserData = !options.userData;
  const userData = options.userData ?? mkdtempSync(join(tmpdir(), 'latchkey-userdata-'));
  const logs: Harness['logs'] = [];
  const programsRun: string[][] = [];
  const waiters = new Set<() => void>();
  const logger: Logger = {
    log(level, message, fields) {
      logs.push({ level, message, fields });
      for (const wake of waiters) wake();
    },
  };
  const platform = options.platform ?? 'linux';
  const execPath = options.execPath ?? developmentPaths[platform]?.execPath ?? '/opt/Latchkey/latchkey';
  const appPath = options.appPath ?? developmentPaths[platform]?.appPath ?? root;
  const xdgDataHome = join(userData, 'data');
  const double = createElectronDouble({
    chromium: chromium.context,
    userData,
    platform,
    onOpenExternal: options.onOpenExternal,
    safeStorage: options.safeStorage,
    xdgDataHome,
  });
  Object.assign(double.app, { execPath, appPath });
  options.beforeReady?.(double);
  // As main.ts does at load, before ready.
  registerAppScheme(double.protocol);
  const config = resolveConfig(options.config ?? {});
  const starting = startLatchkey(double.electron, {
    config,
    serverOrigin: options.serverOrigin ?? 'http://127.0.0.1:4455',
    paths: builtPaths,
    storeClass: options.storeClass ?? Conf,
    platform,
    clock: options.clock ?? { now: () => Date.now(), monotonic: () => performance.now(), setTimeout: (fn, ms) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); } },
    logger,
    launch: {
      target: { platform, execPath, isPackaged: false, appPath },
      argv: options.argv ?? [execPath],
      env: { XDG_CONFIG_HOME: join(userData, 'config'), XDG_CONFIG_DIRS: join(userData, 'xdg'), XDG_DATA_HOME: xdgDataHome },
      // xdg-mime, as the desktop would run it: its answers come from the double's MIME defaults.
      run: async (file, args) => {
        programsRun.push([file, ...args]);
        await options.runProgram?.(file, args);
        if (file !== 'xdg-mime') throw new Error(`${file}: command not found`);
        return double.app.protocols.xdgMime(args);
      },
    },
    trace: options.trace,
    updates: options.updates,
    deepLinks: installDeepLinks(double.app, {
      scheme: activeScheme(config, double.app.isPackaged),
      platform,
      argv: options.argv ?? [execPath],
      logger,
    }),
  });
  if (options.launchedByLink) {
    if (platform !== 'darwin') throw new Error('Only macOS launches an app with a link in open-url; elsewhere pass it in argv.');
    // Before ready, as macOS does (docs/api/app.md, "open-url": listen in will-finish-launching).
    double.app.emit('open-url', { preventDefault() {} }, options.launchedByLink);
  }
  double.app.becomeReady();
  const app = await starting;
  return {
    double,
    app,
    chromium,
    userData,
    logs,
    programsRun,
    logged(message, fields = {}, from = 0) {
      const find = () =>
        logs.slice(from).find((entry) => entry.message === message && Object.entries(fields).every(([key, value]) => entry.fields?.[key] === value));
      return new Promise((resolve) => {
        const wake = () => {
          const found = find();
          if (!found) return;
          waiters.delete(wake);
          resolve(found);
        };
        waiters.add(wake);
        wake();
      });
    },
    popoverWindow() {
      const window = double.windows[0];
      if (!window) throw new Error('No popover window has been created');
      return window;
    },
    async close() {
      app.stop();
      if (ownChromium) await chromium.close();
      if (ownUserData) rmSync(userData, { recursive: true, force: true });
    },
  };
}
