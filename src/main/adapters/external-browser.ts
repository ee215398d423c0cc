import { isOpenableServerUrl } from '../../core/auth/openable-url';
import type { Browser } from '../../core/ports';
import type { ElectronApi } from '../electron-api';

/** The user's default browser, and only ever for the configured server's pages. */
export function externalBrowser(shell: ElectronApi['shell'], serverOrigin: string): Browser {
  return {
    async open(url) {
      if (!isOpenableServerUrl(url, serverOrigin)) throw new Error('Refused to open a page that is not on the Latchkey server.');
      await shell.openExternal(url);
    },
  };
}
