import * as electron from 'electron';
import ElectronStore from 'electron-store';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../core/config';
import { startLatchkey } from './compose';
import { consoleLogger, systemClock } from './adapters/node-ports';
import { activeScheme } from '../core/auth/protocol-plan';
import { installDeepLinks } from './adapters/deep-links';
import { runProgram } from './adapters/protocol-registration';

const here = dirname(fileURLToPath(import.meta.url));
const config = resolveConfig({}, process.env);
// Before `ready`: macOS hands over the launching link in an early open-url event.
const deepLinks = installDeepLinks(electron.app, {
  scheme: activeScheme(config, electron.app.isPackaged),
  platform: process.platform,
  argv: process.argv,
  logger: consoleLogger,
});

if (deepLinks.primary) start();

function start(): void {
startLatchkey(electron, {
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
    argv: process.argv,
    env: process.env,
    windowsStore: process.windowsStore === true,
    run: runProgram,
  },
  deepLinks,
}).catch((error: unknown) => {
  consoleLogger.log('error', `Latchkey could not start: ${error instanceof Error ? error.message : String(error)}`);
  electron.app.exit(1);
});
}
