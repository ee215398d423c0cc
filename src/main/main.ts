import * as electron from 'electron';
import ElectronStore from 'electron-store';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../core/config';
import { startLatchkey } from './compose';
import { consoleLogger, systemClock } from './adapters/node-ports';

const here = dirname(fileURLToPath(import.meta.url));
const config = resolveConfig({}, process.env);

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
  },
}).catch((error: unknown) => {
  consoleLogger.log('error', `Latchkey could not start: ${error instanceof Error ? error.message : String(error)}`);
  electron.app.exit(1);
});
