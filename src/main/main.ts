import * as electron from 'electron';
import ElectronStore from 'electron-store';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { activeScheme } from '../core/auth/protocol-plan';
import { ConfigError, resolveConfig, type LatchkeyConfig } from '../core/config';
import { hiddenStartFlag } from '../core/login-items/launch-mode';
import { registerAppScheme } from './adapters/app-protocol';
import { installDeepLinks, type DeepLinks } from './adapters/deep-links';
import { consoleLogger, systemClock } from './adapters/node-ports';
import { runProgram } from './adapters/protocol-registration';
import { startLatchkey } from './compose';

const here = dirname(fileURLToPath(import.meta.url));
const selfTestFlag = '--self-test';
const selfTest = process.argv.includes(selfTestFlag);

function stop(message: string): never {
  consoleLogger.log('error', message);
  electron.app.exit(1);
  process.exit(1);
}

function loadConfig(): LatchkeyConfig {
  try {
    return resolveConfig({}, process.env);
  } catch (error) {
    if (error instanceof ConfigError) stop(error.message);
    throw error;
  }
}

const config = loadConfig();
// Before `ready`: the popover's app:// scheme must be privileged before any renderer starts.
registerAppScheme(electron.protocol);
// Before `ready`: macOS hands over the launching link in an early open-url event.
const deepLinks = installDeepLinks(electron.app, {
  scheme: activeScheme(config, electron.app.isPackaged),
  platform: process.platform,
  argv: process.argv,
  logger: consoleLogger,
});

if (deepLinks.primary) void start(deepLinks);
else if (selfTest) stop('Latchkey is already running: quit it before running the self-test.');

/**
 * Where electron-builder leaves the feed: resources/app-update.yml from `publish`, and on Linux
 * resources/package-type for a deb, rpm or pacman install (electron-updater's main.js reads both).
 */
function updateOptions() {
  if (!electron.app.isPackaged) return { configPath: null, packageType: null };
  const packageType = join(process.resourcesPath, 'package-type');
  return {
    configPath: join(process.resourcesPath, 'app-update.yml'),
    packageType: process.platform === 'linux' && existsSync(packageType) ? readFileSync(packageType, 'utf8').trim() : null,
  };
}

async function start(links: DeepLinks): Promise<void> {
  try {
    const running = await startLatchkey(electron, {
      config,
      serverOrigin: config.serverUrl ?? `http://127.0.0.1:${process.env.PORT ?? 4455}`,
      paths: {
        preload: join(here, '../preload/preload.cjs'),
        rendererIndex: join(here, '../renderer/index.html'),
        staticDir: electron.app.isPackaged ? join(process.resourcesPath, 'static') : join(here, '../../static'),
      },
      storeClass: ElectronStore,
      platform: process.platform,
      clock: systemClock,
      logger: consoleLogger,
      launch: {
        target: {
          platform: process.platform,
          execPath: process.execPath,
          isPackaged: electron.app.isPackaged,
          appPath: electron.app.getAppPath(),
          appImage: process.env.APPIMAGE,
          appDir: process.env.APPDIR,
        },
        // The self-test runs quietly, like a start at login: no popover.
        argv: selfTest ? [...process.argv, hiddenStartFlag] : process.argv,
        env: process.env,
        windowsStore: process.windowsStore === true,
        run: runProgram,
      },
      deepLinks: links,
      updates: updateOptions(),
    });
    if (selfTest) {
      const report = await running.selfTest();
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      running.stop();
      // Loaded here, as the self-test itself is: a start that runs no self-test never evaluates it.
      const { exitCodeOf } = await import('../core/self-test/self-test');
      electron.app.exit(exitCodeOf(report));
    }
  } catch (error) {
    stop(`Latchkey could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
}
