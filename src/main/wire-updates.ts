import type { CommandHandlers } from '../contract/commands';
import { done, failed } from '../contract/outcome';
import type { Clock, KeyValueStore, Logger, Notifier } from '../core/ports';
import { watchConnectivity } from '../core/session/connectivity';
import type { UpdateChannel } from '../contract/view';
import type { UpdateFeed } from '../core/updates/ports';
import { restartWouldInterrupt, Updates, type UpdateSchedule } from '../core/updates/updates';
import type { Account } from '../core/account/account';
import { systemRandom } from './adapters/node-ports';
import type { ElectronApi } from './electron-api';

export interface UpdateOptions {
  /** app-update.yml (resources/app-update.yml in a packaged app); null where there is no feed, as in a checkout. */
  configPath: string | null;
  /** Linux: what resources/package-type says (deb, rpm, pacman); null for an AppImage. */
  packageType: string | null;
  /** Where downloads wait. @default electron-updater's: the OS cache folder, which the Windows installer cleans */
  cacheDir?: string;
  /** Runs instead of the downloaded installer; tests record it rather than install over the machine. */
  install?: () => void;
  schedule?: Partial<UpdateSchedule>;
}

export interface UpdatesDeps {
  electron: Pick<ElectronApi, 'app' | 'net' | 'powerMonitor' | 'shell'>;
  options: UpdateOptions;
  platform: NodeJS.Platform;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  settings: KeyValueStore;
  productName: string;
  account: Pick<Account, 'state' | 'onChange'>;
  /** Resolves once no vault write is pending. */
  settled(): Promise<void>;
  /** The update's part of the view changed. */
  onChange(): void;
}

type UpdateCommandName = 'restartToUpdate' | 'openReleaseNotes' | 'setUpdateChannel' | 'checkForUpdates';

const noFeed: UpdateFeed = {
  check: async () => ({ kind: 'unsupported', reason: 'This copy has no update feed (app-update.yml); packaged builds have one.' }),
  download: () => Promise.reject(new Error('No update feed')),
  installNow() {},
  follow() {},
  describe: async () => ({ provider: 'none', url: null }),
};

/**
 * The feed, loaded the first time it is used: electron-updater and its dependencies are a large
 * part of the main bundle, and the first check comes well after the first view.
 */
function lazyFeed(deps: UpdatesDeps): UpdateFeed {
  const { options } = deps;
  const configPath = options.configPath;
  if (configPath === null) return noFeed;
  let following: [UpdateChannel, boolean] = ['stable', false];
  let loaded: Promise<UpdateFeed> | null = null;
  const feed = () =>
    (loaded ??= import('./adapters/electron-updater').then(({ electronUpdaterFeed }) => {
      const real = electronUpdaterFeed({
        app: deps.electron.app,
        http: (input, init) => deps.electron.net.fetch(String(input), init),
        platform: deps.platform,
        configPath,
        packageType: options.packageType,
        cacheDir: options.cacheDir,
        logger: deps.logger,
      });
      real.follow(...following);
      return real;
    }));
  return {
    check: async () => (await feed()).check(),
    download: async () => (await feed()).download(),
    installNow() {
      if (options.install) return options.install();
      void feed().then((real) => real.installNow());
    },
    follow(channel, allowDowngrade) {
      following = [channel, allowDowngrade];
      if (loaded) void loaded.then((real) => real.follow(channel, allowDowngrade));
    },
    describe: async () => (await feed()).describe(),
  };
}

/** Updates: the core's schedule over the feed, the machine's wake-ups and network, and the popover's commands. */
export function wireUpdates(deps: UpdatesDeps) {
  const { electron, clock } = deps;
  const feed = lazyFeed(deps);
  const updates = new Updates({
    feed,
    clock,
    random: systemRandom,
    logger: deps.logger,
    notifier: deps.notifier,
    settings: deps.settings,
    productName: deps.productName,
    isOnline: () => electron.net.isOnline(),
    busy: () => restartWouldInterrupt(deps.account.state),
    settled: deps.settled,
    schedule: deps.options.schedule,
  });
  const stopListening = [deps.account.onChange(() => updates.busyChanged()), updates.onChange(deps.onChange)];
  const resumed = () => updates.resumed();
  electron.powerMonitor.on('resume', resumed);
  const stopWatching = watchConnectivity(() => electron.net.isOnline(), clock, () => updates.networkBack());

  const handlers: Pick<CommandHandlers, UpdateCommandName> = {
    restartToUpdate: async () => {
      const answer = await updates.restart();
      return answer === 'nothing_ready' ? failed('not_supported', 'No update is ready to install.') : done;
    },
    openReleaseNotes: async () => {
      const url = updates.view().ready?.releaseNotesUrl;
      if (!url) return failed('not_supported', 'This update has no release notes to open.');
      await electron.shell.openExternal(url);
      return done;
    },
    // Answers at once: a download may take minutes, and Settings shows its progress meanwhile.
    checkForUpdates: () => {
      if (!updates.view().supported) return failed('not_supported', 'This copy of Latchkey cannot update itself.');
      void updates.check();
      return done;
    },
    setUpdateChannel: ({ channel }) => {
      updates.setChannel(channel);
      return done;
    },
  };
  return {
    updates,
    feed,
    handlers,
    dispose() {
      for (const stop of stopListening) stop();
      stopWatching();
      updates.stop();
    },
  };
}
