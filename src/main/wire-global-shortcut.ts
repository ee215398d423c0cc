import { GlobalShortcut } from '../core/shortcut/global-shortcut';
import type { KeyValueStore, Logger } from '../core/ports';
import type { ElectronApi } from './electron-api';

export interface GlobalShortcutWiring {
  electron: Pick<ElectronApi, 'globalShortcut'>;
  store: Pick<KeyValueStore, 'get' | 'set'>;
  platform: NodeJS.Platform;
  logger: Logger;
  /** Opens or closes the popover. */
  pressed(): void;
}

/**
 * The global shortcut, held through Electron's globalShortcut after `ready` (the module "cannot
 * be used before the ready event"). `register` returns false, without an error, when another app
 * already holds the combination; https://www.electronjs.org/docs/latest/api/global-shortcut
 */
export function wireGlobalShortcut(deps: GlobalShortcutWiring): GlobalShortcut {
  const shortcut = new GlobalShortcut({
    registry: deps.electron.globalShortcut,
    store: deps.store,
    platform: deps.platform,
    logger: deps.logger,
    pressed: deps.pressed,
  });
  shortcut.start();
  return shortcut;
}
