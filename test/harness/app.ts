import Conf from 'conf';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig, type LatchkeyConfigInput } from '../../src/core/config';
import type { Clock, Logger } from '../../src/core/ports';
import { activeScheme } from '../../src/core/auth/protocol-plan';
import { registerAppScheme } from '../../src/main/adapters/app-protocol';
import { installDeepLinks } from '../../src/main/adapters/deep-links';
import { startLatchkey, type RunningLatchkey } from '../../src/main/compose';
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
}

export interface Harness {
  double: ElectronDouble;
  app: RunningLatchkey;
  chromium: Chromium;
  userData: string;
  logs: { level: string; message: string; fields?: Record<string, unknown> }[];
  /** Programs the app ran (xdg-mime), recorded instead of run. */
  programsRun: string[][];
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
  const logger: Logger = { log: (level, message, fields) => void logs.push({ level, message, fields }) };
  const double = createElectronDouble({
    chromium: chromium.context,
    userData,
    platform: options.platform ?? 'linux',
    onOpenExternal: options.onOpenExternal,
    safeStorage: options.safeStorage,
  });
  options.beforeReady?.(double);
  // As main.ts does at load, before ready.
  registerAppScheme(double.protocol);
  const config = resolveConfig(options.config ?? {});
  const starting = startLatchkey(double.electron, {
    config,
    serverOrigin: options.serverOrigin ?? 'http://127.0.0.1:4455',
    paths: builtPaths,
    storeClass: Conf,
    platform: options.platform ?? 'linux',
    clock: options.clock ?? { now: () => Date.now(), setTimeout: (fn, ms) => { const t = setTimeout(fn, ms); return () => clearTimeout(t); } },
    logger,
    launch: {
      target: { platform: options.platform ?? 'linux', execPath: '/opt/Latchkey/latchkey', isPackaged: false, appPath: root },
      argv: options.argv ?? ['/opt/Latchkey/latchkey'],
      env: { XDG_CONFIG_HOME: join(userData, 'config'), XDG_CONFIG_DIRS: join(userData, 'xdg'), XDG_DATA_HOME: join(userData, 'data') },
      run: async (file, args) => {
        programsRun.push([file, ...args]);
        await options.runProgram?.(file, args);
      },
    },
    deepLinks: installDeepLinks(double.app, {
      scheme: activeScheme(config, double.app.isPackaged),
      platform: options.platform ?? 'linux',
      argv: options.argv ?? ['/opt/Latchkey/latchkey'],
      logger,
    }),
  });
  double.app.becomeReady();
  const app = await starting;
  return {
    double,
    app,
    chromium,
    userData,
    logs,
    programsRun,
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
