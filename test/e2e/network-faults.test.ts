import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthServer, type AuthServer } from '../../src/server/auth-server';
import type { Harness } from '../harness/app';
import type { ElectronDouble } from '../harness/electron-double';
import { launchChromium, type Chromium } from '../harness/chromium';
import { Machine, openLinkFromBrowser } from '../harness/journey';
import { faultyNetwork, type FaultyNetwork } from '../harness/network-faults';
import { SkewedClock } from '../harness/skewed-clock';

/**
 * One signed-in machine whose network turns hostile: the real composition root, the real auth
 * server, and mockttp between them putting one fault at a time on the session check. Sessions
 * last two hours, so a clock three hours ahead would see them over before they began.
 */
const hour = 3_600_000;
const sessionPath = '/api/auth/get-session';
const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-network-faults-'));
let network: FaultyNetwork;
let server: AuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
let machine: Machine;
let app: Harness;
let token: string;

/** The machine's clock, which a journey sets three hours ahead. */
const clock = new SkewedClock();
const options = { config: { requestTimeoutMs: 1_000 }, clock } as const;

beforeAll(async () => {
  network = await faultyNetwork();
  [server, systemBrowser, popoverBrowser] = await Promise.all([
    createAuthServer({
      publicUrl: network.url,
      database: { sqlite: join(dataDir, 'auth.sqlite') },
      secret: randomBytes(32).toString('base64url'),
      session: { expiresIn: 2 * 3_600, updateAge: 2 * 3_600 },
      log: () => {},
    }),
    launchChromium(),
    launchChromium(),
  ]);
  await network.forwardTo(server.port);
  const who = { email: `faults-${randomBytes(4).toString('hex')}@example.test`, password: 'correct horse battery', name: 'Ada Lovelace' };
  const created = await server.auth.api.signUpEmail({ body: who });
  machine = new Machine(network.url, systemBrowser, popoverBrowser);
  app = await machine.start(options);
  await machine.popover().getByRole('button', { name: 'Sign in with browser' }).click();
  await openLinkFromBrowser(app, await machine.approveInBrowser(await machine.nextOpened(1), { ...who, id: created.user.id }));
  await signedIn();
  token = app.app.account.token!;
});
afterAll(async () => {
  await machine?.dispose();
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), server?.close(), network?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves once the account shows a running session: its own change event, no polling. */
function signedIn(): Promise<void> {
  const running = () => /^(signedIn|expiringSoon)$/u.test(app.app.account.state.kind);
  if (running()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = app.app.account.onChange(() => {
      if (!running()) return;
      stop();
      resolve();
    });
  });
}

/** The OS says the machine woke; the app asks the server. Resolves with the app's word on the answer. */
async function wakeAndHear(reason: string) {
  const from = app.logs.length;
  app.double.powerMonitor.emit('resume');
  return app.logged('The auth server could not be reached', { reason }, from);
}

describe('faults between the app and the auth server', () => {
  it('a body that stalls after its headers ends as a timeout, and the next check is a new request', async () => {
    await network.fault(sessionPath, { kind: 'stallAfterHeaders' });
    await wakeAndHear('timeout');
    await wakeAndHear('timeout');
    expect(await network.seen(sessionPath), 'single-flight did not outlive the hung request').toBe(2);
    await machine.popover().getByRole('paragraph').filter({ hasText: /The sign-in server is not answering/u }).waitFor();
    expect(app.app.account.token).toBe(token);
    await network.fault(null);
    await machine.popover().getByRole('button', { name: 'Retry' }).click();
    await signedIn();
  });

  it("a web filter's 403 page is trouble on the way: the token is kept", async () => {
    await network.fault(sessionPath, { kind: 'html', status: 403 });
    await wakeAndHear('attention');
    await machine.popover().getByRole('paragraph').filter({ hasText: /The network needs attention/u }).waitFor();
    expect(app.app.account.token).toBe(token);
    expect(app.app.account.state.kind).toBe('offline');
  });

  it("a captive portal's redirect to its own host: the network needs attention, never 'session invalid'", async () => {
    await network.fault(sessionPath, { kind: 'portalRedirect', to: 'http://captive.portal.invalid/login?continue=latchkey' });
    await wakeAndHear('attention');
    await machine.popover().getByRole('paragraph').filter({ hasText: /The network needs attention/u }).waitFor();
    expect(app.app.account.token).toBe(token);
  });

  it('a body cut off halfway is server trouble, not a new state of the session', async () => {
    await network.fault(sessionPath, { kind: 'truncate' });
    await wakeAndHear('server');
    await machine.popover().getByRole('paragraph').filter({ hasText: /The sign-in server is having trouble/u }).waitFor();
    expect(app.app.account.token).toBe(token);
  });

  it('a reset connection is offline; headers slower than the deadline are a timeout', async () => {
    await network.fault(sessionPath, { kind: 'reset' });
    await wakeAndHear('network');
    await machine.popover().getByRole('paragraph').filter({ hasText: /^Offline\./u }).waitFor();
    await network.fault(sessionPath, { kind: 'slowHeaders', ms: 3_000 });
    await wakeAndHear('timeout');
    expect(app.app.account.token).toBe(token);
  });

  it('with the clock three hours ahead, a two-hour session the server confirms is kept across a restart', async () => {
    await network.fault(null);
    await machine.quit();
    clock.skewMs = 3 * hour;
    app = await machine.start(options);
    await signedIn();
    expect(app.app.account.token).toBe(token);
    const state = app.app.account.state as { expiresAt: number };
    const left = state.expiresAt - clock.now();
    expect(left, 'the end shown is two hours from now on this clock').toBeGreaterThan(hour + 50 * 60_000);
    expect(left).toBeLessThanOrEqual(2 * hour);
  });
});

describe('an intercepting proxy', () => {
  it("gets its own sentence: the certificate, not 'offline'", async () => {
    const inspecting = await faultyNetwork({ https: true });
    try {
      await inspecting.forwardTo(server.port);
      await machine.quit();
      clock.skewMs = 0;
      // The route to the server now passes a proxy that answers with its own certificate authority;
      // the app still asks for its server's address, as it would behind such a proxy.
      const intercepted = (double: ElectronDouble) => {
        const real = double.electron.net.fetch;
        double.electron.net.fetch = (input, init) => {
          const url = typeof input === 'string' ? input : input.url;
          return real(url.startsWith(network.url) ? `${inspecting.url}${url.slice(network.url.length)}` : input, init);
        };
      };
      app = await machine.start({ ...options, beforeReady: intercepted });
      await app.logged('The auth server could not be reached', { reason: 'tls' });
      await machine.popover().getByRole('paragraph').filter({ hasText: /certificate is not trusted/u }).waitFor();
      expect(await machine.popover().getByRole('paragraph').filter({ hasText: /^Offline/u }).count()).toBe(0);
      expect(app.app.account.token).toBe(token);
    } finally {
      await inspecting.close();
    }
  });
});
