import type { Clock } from '../../src/core/ports';
import { startAuthServer } from '../../test/harness/auth-server';
import { launchChromium } from '../../test/harness/chromium';
import { FakeClock } from '../../test/harness/fake-clock';
import { Machine, openLinkFromBrowser } from '../../test/harness/journey';
import type { Figure, FigureResult } from '../stats';

const day = 24 * 3_600_000;
const step = 60_000;

/**
 * One idle day: the real app, signed in to the real server, left alone for 24 hours of the fake
 * clock. Every timer that fires is a wake-up of the machine (timers due at the same instant are
 * one); every request is one the app sent. A tray app runs all day and should wake the machine no
 * more often than its revalidation needs.
 */
export const idleDay: Figure = {
  name: 'idle-day',
  reference: 'one revalidation every 15 min: 96 a day',
  async measure({ quick }) {
    const [server, systemBrowser, popoverBrowser] = await Promise.all([startAuthServer(), launchChromium(), launchChromium()]);
    const machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const fake = new FakeClock(Date.now());
    const wakeups = new Set<number>();
    const clock: Clock = {
      now: () => fake.now(),
      monotonic: () => fake.monotonic(),
      setTimeout: (fn, ms) =>
        fake.setTimeout(() => {
          wakeups.add(fake.monotonic());
          fn();
        }, ms),
    };
    let requests = 0;
    let inFlight = 0;
    const drained = new Set<() => void>();
    try {
      const user = await server.createUser();
      const app = await machine.start({
        clock,
        beforeReady(double) {
          const send = double.electron.net.fetch;
          double.electron.net.fetch = async (input, init) => {
            requests += 1;
            inFlight += 1;
            try {
              return await send(input, init);
            } finally {
              inFlight -= 1;
              // Let the answer's body be read before the clock moves on.
              setTimeout(() => {
                if (inFlight === 0) for (const wake of drained) wake();
              }, 5);
            }
          };
        },
      });
      await machine.popover().getByRole('button', { name: 'Sign in with browser' }).click();
      await openLinkFromBrowser(app, await machine.approveInBrowser(await machine.nextOpened(1), user));
      await new Promise<void>((resolve) => {
        const stop = app.app.account.onChange((state) => {
          if (state.kind !== 'signedIn') return;
          stop();
          resolve();
        });
      });
      await app.app.vault.settled();
      wakeups.clear();
      requests = 0;
      const notificationsBefore = app.double.notifications.length;
      const length = quick ? day / 24 : day;
      for (let passed = 0; passed < length; passed += step) {
        const requestsBefore = requests;
        await fake.advance(step);
        // A revalidation is a real request to the real server: the clock waits for its answer.
        if (requests > requestsBefore || inFlight > 0) {
          await new Promise<void>((resolve) => {
            const wake = () => {
              drained.delete(wake);
              resolve();
            };
            drained.add(wake);
            if (inFlight === 0) setTimeout(wake, 5);
          });
        }
      }
      if (app.app.account.state.kind !== 'signedIn') throw new Error(`After an idle day the account is ${app.app.account.state.kind}`);
      const hours = length / 3_600_000;
      const row = (figure: string, value: number, unit: string, reference: string): FigureResult => ({ figure, median: value, p95: value, unit, runs: 1, reference });
      return [
        row(`Idle day, signed in (fake clock, ${hours} h): timer wake-ups`, wakeups.size, 'wake-ups', 'no more than the revalidations need'),
        row('· requests sent', requests, 'requests', '96: one revalidation every 15 min'),
        row('· notifications shown', app.double.notifications.length - notificationsBefore, 'notifications', '0: a 7-day session ends on another day'),
      ];
    } finally {
      await machine.dispose();
      await Promise.all([systemBrowser.close(), popoverBrowser.close(), server.close()]);
    }
  },
};
