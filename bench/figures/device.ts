import type { AccountState } from '../../src/core/account/state';
import { startAuthServer } from '../../test/harness/auth-server';
import { launchChromium } from '../../test/harness/chromium';
import { decideOnPhone } from '../../test/harness/device-phone';
import { Machine } from '../../test/harness/journey';
import { readQrCode } from '../../test/harness/qr-reader';
import { summarise, type Figure } from '../stats';
import { TraceRecorder } from '../trace-recorder';

/** The shortest interval BetterAuth's plugin takes; production servers ask for 5 s. */
const intervalSeconds = 1;

/**
 * Device sign-in: from the person pressing "Sign in to Latchkey" on the phone to the signed-in view
 * pushed to the popover, against the real local server. Most of it is the wait for the next poll
 * (up to one interval); the app's own share, from the poll that brings the token to the push
 * (reading whose session it is, the vault write, the transition), is the second row.
 */
export const deviceSignInLatency: Figure = {
  name: 'device',
  reference: 'one polling interval',
  async measure({ quick }) {
    const [server, systemBrowser, popoverBrowser, phone] = await Promise.all([
      startAuthServer({ device: { intervalSeconds } }),
      launchChromium(),
      launchChromium(),
      launchChromium(),
    ]);
    const machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const trace = new TraceRecorder();
    try {
      const user = await server.createUser();
      const app = await machine.start({ trace });
      const { account } = app.app;
      const totals: number[] = [];
      const appShares: number[] = [];
      const count = quick ? 1 : 6;
      for (let i = 0; i < count; i += 1) {
        await account.signIn('device');
        const popover = machine.popover();
        await popover.getByRole('heading', { name: 'Sign in on another device' }).waitFor();
        const address = await readQrCode(popover.getByRole('img', { name: /QR code/u }));
        if (!address) throw new Error('The QR code in the popover could not be read');
        const signedIn = new Promise<void>((resolve) => {
          const stop = account.onChange((state: AccountState) => {
            if (state.kind === 'signedIn') {
              stop();
              resolve();
            }
          });
        });
        let approvedAt = 0;
        await decideOnPhone(phone, address, user, 'approve', () => {
          trace.clear();
          approvedAt = performance.now();
        });
        await signedIn;
        const received = trace.at('device token received', approvedAt);
        const pushed = trace.at('view pushed', received);
        totals.push(pushed - approvedAt);
        appShares.push(pushed - received);
        await app.app.vault.settled();
        await account.signOut();
      }
      return [
        summarise(`Device sign-in: approval on the phone → signed-in view pushed (${intervalSeconds} s interval)`, totals, 'ms', `≤ one interval (${intervalSeconds * 1000} ms) + the app's share`),
        summarise('· token received → signed-in view pushed (session read, vault, push)', appShares, 'ms', '—'),
      ];
    } finally {
      await machine.dispose();
      await Promise.all([systemBrowser.close(), popoverBrowser.close(), phone.close(), server.close()]);
    }
  },
};
