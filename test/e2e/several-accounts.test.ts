import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium, type Chromium } from '../harness/chromium';
import { decideOnPhone } from '../harness/device-phone';
import { readQrCode } from '../harness/qr-reader';
import type { Harness } from '../harness/app';
import type { TestAuthServer, TestUser } from '../harness/auth-server';
import { Machine } from '../harness/journey';
import { checkTokens, listedEmails as emails, sentViews, signInThrough, twoPeople, type TwoPeople } from '../harness/several-accounts';

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
let people: TwoPeople;

beforeAll(async () => {
  people = await twoPeople({ device: { intervalSeconds: 1 } });
  ({ server, systemBrowser, popoverBrowser, ada, grace } = people);
});
afterAll(async () => {
  await people?.close();
});
// Each journey is a new person at a browser no one is signed in to. Within a journey the
// browser keeps its session, and the second person signs in through the account chooser.
beforeEach(async () => {
  await systemBrowser.context.clearCookies();
});
afterEach(async () => {
  await machine?.dispose();
});

const signIn = (app: Harness, button: string, who: TestUser) => signInThrough(machine, app, button, who);
const lastView = (app: Harness) => sentViews(app).at(-1)!;

describe('several accounts on one server', () => {
  it('adds a second person, switches, keeps one when the other is revoked, restores both, and refreshes someone already here', { timeout: 90_000 }, async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    let app = await machine.start();
    await signIn(app, 'Sign in with browser', ada);
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');

    const authorize = await signIn(app, 'Add another account', grace);
    expect(authorize.searchParams.get('prompt'), 'the browser is asked to let the person choose').toBe('select_account');
    await expect.poll(() => emails(app)).toEqual([ada.email, grace.email]);
    expect(app.app.account.profile?.email, 'the new account is active').toBe(grace.email);
    const list = machine.popover().getByRole('region', { name: 'Accounts' });
    await list.getByRole('button', { name: new RegExp(`${grace.email} .*\\(active\\)`, 'u') }).waitFor();
    await checkTokens(machine, app, server.url);

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
    expect(app.double.trays[0]!.menuLabels(), 'the tray menu marks the revoked account').toEqual(expect.arrayContaining([ada.email, `${grace.email} — Session expired`]));
    expect(app.app.account.profile?.email, 'the active account stays active').toBe(ada.email);
    await checkTokens(machine, app, server.url);

    // A restart restores both, with no frame of signed-out.
    await machine.quit();
    app = await machine.start();
    const first = sentViews(app)[0]!;
    expect(first.accounts.items.map((item) => item.profile.email), 'the first frame lists every account').toEqual([ada.email, grace.email]);
    expect(first.profile?.email, 'the active account is the one chosen before').toBe(ada.email);
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');
    expect(sentViews(app).map((view) => view.status)).not.toContain('signedOut');

    // Grace signs in again through "Add another account" (the browser's chooser offers her, and she
    // continues): her account is refreshed in its own place, not added twice.
    const slots = app.app.accounts.list().map(({ slot }) => slot);
    await signIn(app, 'Add another account', grace);
    await expect.poll(() => app.app.accounts.list().map(({ account }) => account.state.kind)).toEqual(['signedIn', 'signedIn']);
    expect(emails(app)).toEqual([ada.email, grace.email]);
    expect(app.app.accounts.list().map(({ slot }) => slot), 'the same entry, refreshed').toEqual(slots);
    expect(app.app.account.profile?.email).toBe(grace.email);
    await checkTokens(machine, app, server.url);
  });

  it('signs out of one account while the other stays, of the active one from the tray, then out of all', { timeout: 60_000 }, async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await signIn(app, 'Sign in with browser', ada);
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');
    await signIn(app, 'Add another account', grace);
    await expect.poll(() => emails(app)).toEqual([ada.email, grace.email]);
    const token = (who: TestUser) => app.app.accounts.find({ serverOrigin: server.url, userId: who.id })!.token!;
    const [adaToken, graceToken] = [token(ada), token(grace)];

    await machine.popover().getByRole('button', { name: `Sign out of ${ada.email}` }).click();
    await expect.poll(() => emails(app)).toEqual([grace.email]);
    expect(app.app.account.state.kind).toBe('signedIn');
    const gone = await fetch(`${server.url}/api/auth/get-session`, { headers: { authorization: `Bearer ${adaToken}` } });
    expect(await gone.json(), 'the server forgot the signed-out session').toBeNull();
    expect(lastView(app).accounts.items, 'one account needs no list').toEqual([]);
    await machine.popover().getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    await checkTokens(machine, app, server.url);

    await signIn(app, 'Add another account', ada);
    await expect.poll(() => emails(app).sort()).toEqual([ada.email, grace.email].sort());
    expect(app.app.account.profile?.email, 'the account just added is active').toBe(ada.email);
    const adaAgain = app.app.account.token!;

    // The tray menu's "Sign out" is for the active account only: the other one becomes active.
    const tray = app.double.trays[0]!;
    expect(tray.menuItem(ada.email).checked).toBe(true);
    tray.clickMenuItem('Sign out');
    await expect.poll(() => emails(app)).toEqual([grace.email]);
    expect(app.app.account.state.kind).toBe('signedIn');
    expect(tray.tooltip, 'the tray follows the account left active').toContain('Grace Hopper');
    const left = await app.app.authenticatedFetch(`${server.url}/api/auth/get-session`);
    expect(await left.json(), 'authenticatedFetch now uses the account left').toMatchObject({ user: { email: grace.email } });
    const forgotten = await fetch(`${server.url}/api/auth/get-session`, { headers: { authorization: `Bearer ${adaAgain}` } });
    expect(await forgotten.json(), 'the server forgot the active session signed out').toBeNull();
    await checkTokens(machine, app, server.url);

    await signIn(app, 'Add another account', ada);
    await expect.poll(() => emails(app).sort()).toEqual([ada.email, grace.email].sort());
    const adaThird = app.app.account.token!;
    await machine.popover().getByRole('button', { name: 'Sign out of all' }).click();
    await expect.poll(() => app.app.accounts.list().map(({ account }) => account.state.kind)).toEqual(['signedOut']);
    for (const token of [graceToken, adaAgain, adaThird]) {
      expect(machine.filesContaining(token)).toEqual([]);
      const forgotten = await fetch(`${server.url}/api/auth/get-session`, { headers: { authorization: `Bearer ${token}` } });
      expect(await forgotten.json(), 'the server forgot each session').toBeNull();
    }
    await app.app.vault.settled();
    expect(app.app.vault.occupiedSlots(), 'nothing of either account is left on disk').toEqual([]);
    await machine.popover().getByRole('button', { name: 'Sign in with browser' }).waitFor();
  });

  it('adds a second account through the device sign-in, approved on a phone', { timeout: 60_000 }, async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await signIn(app, 'Sign in with browser', ada);
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
    await checkTokens(machine, app, server.url);
  });
});
