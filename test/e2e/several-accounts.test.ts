import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventChannel } from '../../src/contract/channels';
import type { AccountView } from '../../src/contract/view';
import { OtherServerError } from '../../src/core/session/authenticated-fetch';
import { launchChromium, type Chromium } from '../harness/chromium';
import { decideOnPhone } from '../harness/device-phone';
import { readQrCode } from '../harness/qr-reader';
import type { Harness } from '../harness/app';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { Machine, openLinkFromBrowser } from '../harness/journey';

/**
 * Two people on one server in one tray: a second account added through the browser, switching,
 * one revoked elsewhere while the other stays, a restart, adding someone already here, signing
 * out of one and of all. Each step checks that no token is on disk in plaintext or in the popover,
 * and that each token is sent only to its own server.
 */
let server: TestAuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
let machine: Machine;
let ada: TestUser;
let grace: TestUser;

beforeAll(async () => {
  [server, systemBrowser, popoverBrowser] = await Promise.all([startAuthServer({ device: { intervalSeconds: 1 } }), launchChromium(), launchChromium()]);
  [ada, grace] = await Promise.all([
    server.createUser({ name: 'Ada Lovelace', email: `ada-${randomBytes(3).toString('hex')}@example.test` }),
    server.createUser({ name: 'Grace Hopper', email: `grace-${randomBytes(3).toString('hex')}@example.test` }),
  ]);
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), server?.close()]);
});
afterEach(async () => {
  await machine?.dispose();
});

/** Presses `button` in the popover and signs in as `who` in the browser; returns the authorize URL. */
async function signInThrough(app: Harness, button: string, who: TestUser): Promise<URL> {
  const before = machine.opened.length;
  await machine.popover().getByRole('button', { name: button, exact: true }).click();
  const authorize = await machine.nextOpened(before + 1);
  // The second person signs in fresh: the browser holds no one's session.
  await systemBrowser.context.clearCookies();
  await openLinkFromBrowser(app, await machine.approveInBrowser(authorize, who));
  return new URL(authorize);
}

function lastView(app: Harness): AccountView {
  const views = app.popoverWindow().webContents.sent.filter(({ channel }) => channel === eventChannel('view'));
  return views.at(-1)!.args[0] as AccountView;
}

const emails = (app: Harness) => app.app.accounts.list().map(({ account }) => account.profile?.email);

/** No token on disk in plaintext, none in the popover's page, and each answers only as its own person at its own server. */
async function checkTokens(app: Harness): Promise<void> {
  const popoverText = await machine.popover().content();
  for (const { account } of app.app.accounts.list()) {
    const token = account.token;
    if (!token) continue;
    expect(machine.filesContaining(token), 'no token on disk in plaintext').toEqual([]);
    expect(popoverText.includes(token), 'no token in the popover').toBe(false);
    const as = app.app.authenticatedFetchAs({ serverOrigin: server.url, userId: account.profile!.id });
    const answer = await as(`${server.url}/api/auth/get-session`);
    expect(await answer.json()).toMatchObject({ user: { email: account.profile!.email } });
    await expect(as('http://127.0.0.2:9/api/auth/get-session'), 'a token is not sent to another server').rejects.toBeInstanceOf(OtherServerError);
  }
}

describe('several accounts on one server', () => {
  it('adds a second person, switches, keeps one when the other is revoked, restores both, and refreshes someone already here', { timeout: 90_000 }, async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    let app = await machine.start();
    await signInThrough(app, 'Sign in with browser', ada);
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');

    const authorize = await signInThrough(app, 'Add another account', grace);
    expect(authorize.searchParams.get('prompt'), 'the browser is asked to let the person choose').toBe('select_account');
    await expect.poll(() => emails(app)).toEqual([ada.email, grace.email]);
    expect(app.app.account.profile?.email, 'the new account is active').toBe(grace.email);
    const list = machine.popover().getByRole('region', { name: 'Accounts' });
    await list.getByRole('button', { name: new RegExp(`${grace.email} .*\\(active\\)`, 'u') }).waitFor();
    await checkTokens(app);

    // Switch: one press, and the tray follows.
    await list.getByRole('button', { name: new RegExp(`^Ada Lovelace ${ada.email}`, 'u') }).click();
    await expect.poll(() => app.app.account.profile?.email).toBe(ada.email);
    expect(app.double.trays[0]!.tooltip, 'the tray shows the active account').toContain('Ada Lovelace');
    const mine = await app.app.authenticatedFetch(`${server.url}/api/auth/get-session`);
    expect(await mine.json(), 'authenticatedFetch uses the active account').toMatchObject({ user: { email: ada.email } });

    // Grace's session is revoked elsewhere; Ada's stays.
    const graceToken = app.app.accounts.list()[1]!.account.token!;
    const revoked = await fetch(`${server.url}/api/auth/sign-out`, { method: 'POST', headers: { authorization: `Bearer ${graceToken}`, 'content-type': 'application/json' }, body: '{}' });
    expect(revoked.ok).toBe(true);
    app.double.powerMonitor.emit('resume');
    await expect.poll(() => app.app.accounts.list().map(({ account }) => account.state.kind), { timeout: 15_000 }).toEqual(['signedIn', 'expired']);
    await list.getByRole('button', { name: new RegExp(`${grace.email} Session expired`, 'u') }).waitFor();
    expect(app.double.notifications.at(-1)!.options.body, 'the notification names the account').toContain(grace.email);

    // A restart restores both, with no frame of signed-out.
    await machine.quit();
    app = await machine.start();
    const first = app.popoverWindow().webContents.sent.filter(({ channel }) => channel === eventChannel('view'))[0]!.args[0] as AccountView;
    expect(first.accounts.items.map((item) => item.profile.email), 'the first frame lists every account').toEqual([ada.email, grace.email]);
    expect(first.profile?.email, 'the active account is the one chosen before').toBe(ada.email);
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');
    const sent = app.popoverWindow().webContents.sent.filter(({ channel }) => channel === eventChannel('view')).map(({ args }) => (args[0] as AccountView).status);
    expect(sent).not.toContain('signedOut');

    // Grace signs in again through "Add another account": her account is refreshed, not added twice.
    await signInThrough(app, 'Add another account', grace);
    await expect.poll(() => app.app.accounts.list().map(({ account }) => account.state.kind)).toEqual(['signedIn', 'signedIn']);
    expect(emails(app)).toEqual([ada.email, grace.email]);
    expect(app.app.account.profile?.email).toBe(grace.email);
    await checkTokens(app);
  });

  it('signs out of one account while the other stays, then out of all', { timeout: 60_000 }, async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await signInThrough(app, 'Sign in with browser', ada);
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');
    await signInThrough(app, 'Add another account', grace);
    await expect.poll(() => emails(app)).toEqual([ada.email, grace.email]);
    const [adaToken, graceToken] = app.app.accounts.list().map(({ account }) => account.token!);

    await machine.popover().getByRole('button', { name: `Sign out of ${ada.email}` }).click();
    await expect.poll(() => emails(app)).toEqual([grace.email]);
    expect(app.app.account.state.kind).toBe('signedIn');
    const gone = await fetch(`${server.url}/api/auth/get-session`, { headers: { authorization: `Bearer ${adaToken}` } });
    expect(await gone.json(), 'the server forgot the signed-out session').toBeNull();
    expect(lastView(app).accounts.items, 'one account needs no list').toEqual([]);
    await machine.popover().getByRole('button', { name: 'Sign out', exact: true }).waitFor();

    await signInThrough(app, 'Add another account', ada);
    await expect.poll(() => emails(app).sort()).toEqual([ada.email, grace.email].sort());
    await machine.popover().getByRole('button', { name: 'Sign out of all' }).click();
    await expect.poll(() => app.app.accounts.list().map(({ account }) => account.state.kind)).toEqual(['signedOut']);
    for (const token of [graceToken, ...app.app.accounts.list().map(({ account }) => account.token)]) {
      if (token) expect(machine.filesContaining(token)).toEqual([]);
    }
    await app.app.vault.settled();
    expect(app.app.vault.occupiedSlots(), 'nothing of either account is left on disk').toEqual([]);
    await machine.popover().getByRole('button', { name: 'Sign in with browser' }).waitFor();
  });

  it('adds a second account through the device sign-in, approved on a phone', { timeout: 60_000 }, async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await signInThrough(app, 'Sign in with browser', ada);
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');
    const popover = machine.popover();
    await popover.getByRole('button', { name: 'Add another account' }).click();
    await popover.getByRole('button', { name: 'Sign in with another device' }).click();
    await popover.getByRole('heading', { name: 'Sign in on another device' }).waitFor();
    const address = await readQrCode(popover.getByRole('img', { name: /QR code/u }));
    const phone = await launchChromium();
    try {
      await decideOnPhone(phone, address!, grace, 'approve');
    } finally {
      await phone.close();
    }
    await expect.poll(() => emails(app), { timeout: 15_000 }).toEqual([ada.email, grace.email]);
    expect(app.app.account.profile?.email, 'the person approved on the phone is active').toBe(grace.email);
    expect(app.app.accounts.list().map(({ account }) => account.state.kind)).toEqual(['signedIn', 'signedIn']);
    await app.app.vault.settled();
    await checkTokens(app);
  });
});
