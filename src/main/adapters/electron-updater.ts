import { readFile } from 'node:fs/promises';
import { AppImageUpdater, DebUpdater, MacUpdater, NsisUpdater, PacmanUpdater, RpmUpdater, type AppUpdater, type UpdateInfo } from 'electron-updater';
import { ElectronAppAdapter } from 'electron-updater/out/ElectronAppAdapter';
import { parse } from 'yaml';
import type { Http, Logger } from '../../core/ports';
import { UpdateError, type CheckAnswer, type FeedDescription, type FoundUpdate, type UpdateFeed, type UpdateFailure } from '../../core/updates/ports';
import type { AppApi } from '../electron-api';
import { FetchHttpExecutor } from './fetch-http-executor';

/** What electron-updater's ElectronAppAdapter calls on `app` (node_modules/electron-updater/out/ElectronAppAdapter.js). */
export type UpdaterApp = Pick<AppApi, 'whenReady' | 'getVersion' | 'getName' | 'isPackaged' | 'getPath' | 'quit' | 'relaunch' | 'getAppPath' | 'once'>;

export interface ElectronUpdaterOptions {
  app: UpdaterApp;
  /** The main process's `net.fetch`. */
  http: Http;
  platform: NodeJS.Platform;
  /** app-update.yml, which electron-builder writes into the resources from `publish`. */
  configPath: string;
  /** Linux: resources/package-type (deb, rpm, pacman), which electron-builder writes; null for an AppImage. */
  packageType: string | null;
  /** Where downloads wait to be installed. @default electron-updater's own: the OS cache folder */
  cacheDir?: string;
  logger: Logger;
}

/** electron-updater's adapter, with the download cache moved where a test can see it. */
class AppAdapter extends ElectronAppAdapter {
  constructor(
    app: UpdaterApp,
    private readonly cacheDir: string | undefined,
  ) {
    super(app);
  }
  override get baseCachePath(): string {
    return this.cacheDir ?? super.baseCachePath;
  }
}

/** The class electron-updater's own `autoUpdater` would pick (node_modules/electron-updater/out/main.js). */
function updaterFor(platform: NodeJS.Platform, packageType: string | null, app: AppAdapter): AppUpdater {
  if (platform === 'win32') return new NsisUpdater(undefined, app);
  if (platform === 'darwin') return new MacUpdater(undefined, app);
  if (packageType === 'deb') return new DebUpdater(undefined, app);
  if (packageType === 'rpm') return new RpmUpdater(undefined, app);
  if (packageType === 'pacman') return new PacmanUpdater(undefined, app);
  return new AppImageUpdater(undefined, app);
}

/** An https release page named in the feed (our own `releaseNotesUrl` field, or GitHub's release tag). */
function releaseNotesUrl(info: UpdateInfo, feed: Record<string, unknown>): string | null {
  const named = (info as UpdateInfo & { releaseNotesUrl?: unknown }).releaseNotesUrl;
  if (typeof named === 'string' && URL.canParse(named) && new URL(named).protocol === 'https:') return new URL(named).href;
  if (feed.provider === 'github' && typeof feed.owner === 'string' && typeof feed.repo === 'string') {
    return `https://github.com/${encodeURIComponent(feed.owner)}/${encodeURIComponent(feed.repo)}/releases/tag/v${encodeURIComponent(info.version)}`;
  }
  return null;
}

function failureOf(error: unknown, stage: 'check' | 'download'): UpdateFailure {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_CHECKSUM_MISMATCH') return 'checksum_mismatch';
  if (typeof code === 'string' && /^ERR_UPDATER_(INVALID|CHANNEL_FILE)/u.test(code)) return 'invalid_feed';
  return stage === 'check' ? 'unreachable' : 'download_failed';
}

const asUpdateError = (error: unknown, stage: 'check' | 'download') =>
  new UpdateError(failureOf(error, stage), error instanceof Error ? error.message : String(error));

/**
 * The update feed, carried out by electron-updater: the core decides when; this asks, downloads
 * and installs. Trust stays electron-updater's: the sha512 check of every download (nothing here
 * turns it off), no downgrade unless the core allows one for a channel change, the staged
 * rollout's bucket, and on Windows the installer's signature against `publisherName`.
 */
export function electronUpdaterFeed(options: ElectronUpdaterOptions): UpdateFeed {
  const { logger } = options;
  const updater = updaterFor(options.platform, options.packageType, new AppAdapter(options.app, options.cacheDir));
  // Given an app adapter, electron-updater leaves its HTTP unset (AppUpdater's constructor); this is ours.
  (updater as unknown as { httpExecutor: FetchHttpExecutor }).httpExecutor = new FetchHttpExecutor(options.http);
  updater.updateConfigPath = options.configPath;
  // The core downloads once a check finds something, and never offers a web installer (unsigned).
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = true;
  updater.disableWebInstaller = true;
  updater.logger = {
    info: (message?: unknown) => logger.log('debug', 'electron-updater', { message: String(message) }),
    warn: (message?: unknown) => logger.log('warn', 'electron-updater', { message: String(message) }),
    error: (message?: unknown) => logger.log('warn', 'electron-updater', { message: String(message).split('\n', 1)[0] ?? '' }),
  };
  let feedConfig: Promise<Record<string, unknown>> | null = null;
  const config = () =>
    (feedConfig ??= readFile(options.configPath, 'utf8').then((text) => (parse(text) as Record<string, unknown> | null) ?? {}));
  let found: FoundUpdate | null = null;

  return {
    async check(): Promise<CheckAnswer> {
      let result;
      try {
        result = await updater.checkForUpdates();
      } catch (error) {
        throw asUpdateError(error, 'check');
      }
      // null: electron-updater is off for this copy (not packaged, or an AppImage run unpacked).
      if (!result) return { kind: 'unsupported', reason: 'This copy of the app cannot update itself.' };
      if (!result.isUpdateAvailable) return { kind: 'upToDate', latest: result.updateInfo.version };
      found = { version: result.updateInfo.version, releaseNotesUrl: releaseNotesUrl(result.updateInfo, await config()) };
      return { kind: 'available', update: found };
    },
    async download(): Promise<FoundUpdate> {
      if (!found) throw new UpdateError('download_failed', 'No update was found to download.');
      try {
        await updater.downloadUpdate();
      } catch (error) {
        throw asUpdateError(error, 'download');
      }
      return found;
    },
    installNow() {
      // Silent on Windows (the one-click installer), and the new version starts afterwards.
      updater.quitAndInstall(true, true);
    },
    follow(channel, allowDowngrade) {
      // electron-updater's channel setter turns allowDowngrade on by itself; the core decides instead.
      updater.channel = channel === 'stable' ? 'latest' : 'beta';
      updater.allowPrerelease = channel === 'beta';
      updater.allowDowngrade = allowDowngrade;
    },
    async describe(): Promise<FeedDescription> {
      const feed = await config();
      const provider = typeof feed.provider === 'string' ? feed.provider : 'unknown';
      if (typeof feed.url === 'string') return { provider, url: feed.url };
      if (provider === 'github' && typeof feed.owner === 'string' && typeof feed.repo === 'string') {
        return { provider, url: `https://github.com/${feed.owner}/${feed.repo}/releases` };
      }
      return { provider, url: null };
    },
  };
}
