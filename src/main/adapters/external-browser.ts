import { isOpenableServerUrl } from '../../core/auth/openable-url';
import type { Browser } from '../../core/ports';
import type { ElectronApi } from '../electron-api';

/** The user's default browser, and only ever for the pages of a server the app signs in to. */
export function externalBrowser(shell: ElectronApi['shell'], isServer: (origin: string) => boolean): Browser {
  return {
    async open(url) {
      const origin = URL.parse(url)?.origin;
      if (origin === undefined || !isServer(origin) || !isOpenableServerUrl(url, origin)) throw new Error('Refused to open a page that is not on a Latchkey server.');
      await shell.openExternal(url);
    },
  };
}
