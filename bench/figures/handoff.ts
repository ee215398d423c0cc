import type { AccountState } from '../../src/core/account/state';
import { startAuthServer } from '../../test/harness/auth-server';
import { launchChromium } from '../../test/harness/chromium';
import { Machine } from '../../test/harness/journey';
import { summarise, type Figure } from '../stats';

/**
 * The handoff: from the callback reaching the app to the signed-in state being pushed to the
 * popover, against the local server: the code exchange (one loopback round trip and the server's
 * SQLite writes), the encrypted token write, and the render.
 */
export const handoffLatency: Figure = {
  name: 'handoff',
  reference: 'one loopback round trip plus one SQLite write',
  async measure({ quick }) {
    const [server, systemBrowser, popoverBrowser] = await Promise.all([startAuthServer(), launchChromium(), launchChromium()]);
    const machine = new Machine(server.url, systemBrowser, popoverBrowser);
    try {
      const user = await server.createUser();
      const app = await machine.start();
      const { account } = app.app;
      const samples: number[] = [];
      const runs = quick ? 1 : 7;
      for (let i = 0; i < runs; i += 1) {
        await account.signIn('scheme');
        const callback = await machine.approveInBrowser(await machine.nextOpened(i + 1), user);
        const pushed = new Promise<number>((resolve) => {
          const stop = account.onChange((state: AccountState) => {
            if (state.kind === 'signedIn') {
              stop();
              resolve(performance.now());
            }
          });
        });
        const start = performance.now();
        await account.receiveCallback(callback);
        samples.push((await pushed) - start);
        await account.signOut();
      }
      return summarise('Handoff: callback received → signed-in state pushed', quick ? samples : samples.slice(1), 'ms', 'one loopback round trip plus one SQLite write');
    } finally {
      await machine.dispose();
      await Promise.all([systemBrowser.close(), popoverBrowser.close(), server.close()]);
    }
  },
};
