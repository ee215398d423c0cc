import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventChannel } from '../../src/contract/channels';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuthServer, type AuthServer } from '../../src/server/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import type { Harness } from '../harness/app';
import { Machine, openLinkFromBrowser } from '../harness/journey';
import { networkSwitch } from '../harness/network-switch';
import type { TestUser } from '../harness/auth-server';

/**
 * The session over time, against a real server whose sessions last seconds: real expiry, a
 * revocation from elsewhere, the server going away and coming back, and a restart of the app.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-session-journeys-'));
const secret = randomBytes(32).toString('base64url');
let server: AuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
let machine: Machine;
let user: TestUser;

/** Starts a server over the same database each time, as a restarted deployment would be. */
function serve(expiresIn = 7 * 24 * 3_600, publicUrl?: string) {
  return createAuthServer({
    ...(publicUrl ? { publicUrl } : {}),
    database: { sqlite: join(dataDir, `auth-${expiresIn}.sqlite`) },
    secret,
    session: { expiresIn, updateAge: expiresIn },
    log: () => {},
  });
}

beforeAll(async () => {
  [server, systemBrowser, popoverBrowser] = await Promise.all([serve(), launchChromium(), launchChromium()]);
  user = await newUser(server);
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), server?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  await machine?.dispose();
});

async function newUser(on: AuthServer): Promise<TestUser> {
  const account = { email: `session-${randomBytes(4).toString('hex')}@example.test`, password: 'correct horse battery', name: 'Grace Hopper' };
  const created = await on.auth.api.signUpEmail({ body: account });
  return { ...account, id: created.user.id };
}

/** `browserUrl`: where the browser reaches the server, when the app goes through another address. */
async function signIn(app: Harness, on: { url: string; browserUrl?: string }, who: TestUser): Promise<void> {
  const before = machine.opened.length;
  await machine.popover().getByRole('button', { name: /Sign in with browser|Sign in again|Renew/u }).click();
  const authorize = await machine.nextOpened(before + 1);
  expect(new URL(authorize).origin).toBe(on.url);
  const inBrowser = on.browserUrl ? authorize.replace(on.url, on.browserUrl) : authorize;
  await openLinkFromBrowser(app, await machine.approveInBrowser(inBrowser, who));
  await expect.poll(() => app.app.account.state.kind, { timeout: 10_000 }).toMatch(/signedIn|expiringSoon/u);
}

/** What the OS reports after sleep or unlock; the app revalidates at once. */
const wake = (app: Harness) => app.double.powerMonitor.emit('resume');

describe('the session over time', () => {
  it('restores at start without a flash of signed-out, then confirms with the server', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    await signIn(await machine.start(), server, user);
    await machine.quit();

    const app = await machine.start();
    const views = app
      .popoverWindow()
      .webContents.sent.filter(({ channel }) => channel === eventChannel('view'))
      .map(({ args }) => args[0] as { status: string; profile: { email: string } | null });
    expect(views[0], 'the first frame already shows the account').toMatchObject({ profile: { email: user.email } });
    expect(views.map((view) => view.status)).not.toContain('signedOut');
    expect(app.app.account.state.kind).toBe('signedIn');
    await machine.popover().getByText(user.email).waitFor();
  });

  it('notices a session revoked elsewhere at the next revalidation, and keeps the profile dimmed', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await signIn(app, server, user);
    const mine = await app.app.authenticatedFetch(`${server.url}/api/auth/get-session`);
    expect(await mine.json(), 'app features reach the server as the signed-in user').toMatchObject({ user: { email: user.email } });
    const token = app.app.account.token!;
    const revoked = await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
    expect(revoked.ok).toBe(true);

    const answer = await app.app.authenticatedFetch(`${server.url}/api/auth/get-session`);
    expect(answer.status, 'a revoked session answers null, not an error').toBe(200);
    wake(app);
    await machine.popover().getByRole('status').filter({ hasText: 'Session expired — sign in again.' }).waitFor();
    expect(app.app.account.state).toMatchObject({ kind: 'expired', profile: { email: user.email } });
    expect(app.app.account.token).toBeNull();
    expect(app.double.notifications.map((n) => n.options.title)).toContain('Your Latchkey session has ended');
    await machine.popover().getByRole('button', { name: 'Sign in again' }).waitFor();
  });

  // The app reaches the server through a port the test holds throughout, so the restarted server
  // is found at the same address without reusing a freed port. The browser signs in at the
  // server's own origin, which its consent form checks.
  it('goes offline when the server stops, keeps the session, and recovers when it returns', { timeout: 60_000 }, async () => {
    const address = await networkSwitch();
    // Behind the switch, as behind a proxy: the server's public origin is the switch's, so the
    // issuer it names and the origin its forms check are the address the app and browser use.
    const first = await serve(undefined, address.url);
    address.route(first.port);
    const who = await newUser(first);
    machine = new Machine(address.url, systemBrowser, popoverBrowser);
    const app = await machine.start({ serverOrigin: address.url });
    await signIn(app, { url: address.url, browserUrl: address.url }, who);
    const token = app.app.account.token;
    await first.close();
    address.route(null);

    wake(app);
    await machine.popover().getByRole('button', { name: 'Retry' }).waitFor({ timeout: 15_000 });
    expect(app.app.account.state.kind).toBe('offline');
    expect(app.app.account.token, 'offline keeps the token').toBe(token);

    const back = await serve(undefined, address.url);
    address.route(back.port);
    try {
      await machine.popover().getByRole('button', { name: 'Retry' }).click({ timeout: 15_000 });
      await expect.poll(() => app.app.account.state.kind, { timeout: 15_000 }).toBe('signedIn');
      expect(app.app.account.token).toBe(token);
    } finally {
      await Promise.all([back.close(), address.close()]);
    }
  });

  it('sees a real session expire: a warning first, then expired, one notification each', async () => {
    const brief = await serve(6);
    const who = await newUser(brief);
    machine = new Machine(brief.url, systemBrowser, popoverBrowser);
    try {
      const app = await machine.start({ serverOrigin: brief.url, config: { expiryNoticeThresholds: [4_000] } });
      await signIn(app, brief, who);
      await expect.poll(() => app.app.account.state.kind, { timeout: 10_000 }).toBe('expiringSoon');
      await machine.popover().getByRole('button', { name: 'Renew' }).waitFor();
      await expect.poll(() => app.app.account.state.kind, { timeout: 10_000 }).toBe('expired');
      const titles = app.double.notifications.map((n) => n.options.title);
      expect(titles).toEqual(['Your Latchkey session is ending soon', 'Your Latchkey session has ended']);
      expect(app.double.notifications[0]!.options.actions).toEqual([{ type: 'button', text: 'Renew' }]);
    } finally {
      await brief.close();
    }
  });

  it('signs out: the server forgets the session and nothing of it stays on the machine', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await signIn(app, server, user);
    const token = app.app.account.token!;
    await machine.popover().getByRole('button', { name: 'Sign out' }).click();
    await machine.popover().getByRole('button', { name: 'Sign in with browser' }).waitFor();
    const check = await fetch(`${server.url}/api/auth/get-session`, { headers: { authorization: `Bearer ${token}` } });
    expect(await check.json()).toBeNull();
    await machine.quit();
    const again = await machine.start();
    expect(again.app.account.state).toEqual({ kind: 'signedOut', notice: null });
  });
});
