import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serverAddressMessages } from '../../src/core/accounts/server-address';
import type { Harness } from '../harness/app';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import type { ElectronDouble } from '../harness/electron-double';
import { Machine, openLinkFromBrowser } from '../harness/journey';
import { accountStates, listedEmails, sentViews } from '../harness/several-accounts';
import { OtherServerError } from '../../src/core/session/authenticated-fetch';

/**
 * Accounts on two servers in one tray: a second server typed by the user, discovered through its
 * metadata and refused with a sentence when it is not one Latchkey can sign in to; a callback from
 * the other server for an attempt started with this one refused (RFC 9207); a restart that puts
 * every account back on its own server; each token sent only to the server that issued it.
 */
let serverA: TestAuthServer;
let serverB: TestAuthServer;
let notLatchkey: Server;
let notLatchkeyUrl: string;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
let machine: Machine;
let adaAtA: TestUser;
let graceAtB: TestUser;
let adaAtB: TestUser;

beforeAll(async () => {
  [serverA, serverB, systemBrowser, popoverBrowser] = await Promise.all([startAuthServer(), startAuthServer(), launchChromium(), launchChromium()]);
  const ada = `ada-${randomBytes(3).toString('hex')}@example.test`;
  [adaAtA, graceAtB, adaAtB] = await Promise.all([
    serverA.createUser({ name: 'Ada Lovelace', email: ada }),
    serverB.createUser({ name: 'Grace Hopper', email: `grace-${randomBytes(3).toString('hex')}@example.test` }),
    serverB.createUser({ name: 'Ada at B', email: ada }),
  ]);
  // A web server that answers, but is no sign-in server: a company's home page.
  notLatchkey = createServer((_request, response) => response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not here</h1>'));
  await new Promise<void>((resolve) => notLatchkey.listen(0, '127.0.0.1', resolve));
  notLatchkeyUrl = `http://127.0.0.1:${(notLatchkey.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), serverA?.close(), serverB?.close(), new Promise((resolve) => notLatchkey?.close(resolve))]);
});
afterEach(async () => {
  await machine?.dispose();
});

/** Every request the app sent: its origin, and the token it carried ('' for none), across restarts. */
function recordingBearers(sent: { origin: string; token: string; path: string }[]) {
  return (double: ElectronDouble) => {
    const real = double.electron.net.fetch;
    double.electron.net.fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input.url);
      const bearer = new Headers(init?.headers ?? (typeof input === 'string' ? undefined : input.headers)).get('authorization');
      const token = bearer ? bearer.replace(/^Bearer /u, '') : url.pathname.endsWith('/desktop/token') ? '(code exchange)' : '';
      sent.push({ origin: url.origin, token, path: url.pathname });
      return real(input, init);
    };
  };
}

/** Types an address into "Add an account on another server" and presses Enter; returns what the form says. */
async function addOnServer(address: string): Promise<void> {
  const popover = machine.popover();
  const disclosure = popover.getByRole('button', { name: 'Add an account on another server' });
  if ((await disclosure.getAttribute('aria-expanded')) !== 'true') await disclosure.click();
  const field = popover.getByRole('textbox', { name: 'Server address' });
  await field.fill(address);
  await field.press('Enter');
}

async function refusedWith(app: Harness, message: string): Promise<void> {
  const field = machine.popover().getByRole('textbox', { name: 'Server address' });
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  // The sentence is the field's description, as a screen reader hears it with the field.
  const [problem] = (await field.getAttribute('aria-describedby'))!.split(' ');
  await expect.poll(() => machine.popover().locator(`#${problem}`).textContent()).toBe(message);
  expect(accountStates(app), 'no account was added').toEqual(['signedIn']);
}

/** Each account's token was only ever sent to its own server, and is nowhere on disk or in the popover. */
async function checkTokens(app: Harness, sent: { origin: string; token: string }[]): Promise<void> {
  const popoverText = await machine.popover().content();
  for (const { account } of app.app.accounts.list()) {
    const token = account.token!;
    expect(machine.filesContaining(token), 'no token on disk in plaintext').toEqual([]);
    expect(popoverText.includes(token), 'no token in the popover').toBe(false);
    const as = app.app.authenticatedFetchAs({ serverOrigin: account.serverOrigin, userId: account.profile!.id });
    const answer = await as(`${account.serverOrigin}/api/auth/get-session`);
    expect(await answer.json()).toMatchObject({ user: { email: account.profile!.email } });
    const elsewhere = account.serverOrigin === serverA.url ? serverB.url : serverA.url;
    await expect(as(`${elsewhere}/api/auth/get-session`), 'a token is not sent to the other server').rejects.toBeInstanceOf(OtherServerError);
    expect(new Set(sent.filter((request) => request.token === token).map(({ origin }) => origin)), `${account.profile!.name}'s token went only to its server`).toEqual(new Set([account.serverOrigin]));
  }
}

const servers = (app: Harness) => app.app.accounts.list().map(({ account }) => `${account.profile?.name} @ ${account.serverOrigin === serverA.url ? 'A' : 'B'}`);

describe('an account on a second server', () => {
  it('is added from a typed address, kept to its own server across a restart, and refused a callback from the other server', { timeout: 120_000 }, async () => {
    const sent: { origin: string; token: string; path: string }[] = [];
    machine = new Machine(serverA.url, systemBrowser, popoverBrowser);
    let app = await machine.start({ beforeReady: recordingBearers(sent) });
    const popover = machine.popover();
    await popover.getByRole('button', { name: 'Sign in with browser' }).click();
    await openLinkFromBrowser(app, await machine.approveInBrowser(await machine.nextOpened(1), adaAtA));
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');

    // Addresses that are not a Latchkey server get a sentence, and no browser.
    const hostB = new URL(serverB.url).host;
    await addOnServer(`http://${hostB.replace('127.0.0.1', 'example.com')}`);
    await refusedWith(app, serverAddressMessages.plainHttp(hostB.replace('127.0.0.1', 'example.com')));
    // B speaks plain http: asked over https, it cannot be reached.
    await addOnServer(`https://${hostB}`);
    await refusedWith(app, serverAddressMessages.unreachable(hostB));
    await addOnServer(notLatchkeyUrl);
    await refusedWith(app, serverAddressMessages.notLatchkey(new URL(notLatchkeyUrl).host));
    expect(machine.opened, 'no page was opened for a refused server').toHaveLength(1);

    // Server B, typed as people type a server on this machine: its own page opens, the person chooses there.
    await addOnServer(`${hostB}/`);
    const authorizeB = new URL(await machine.nextOpened(2));
    expect(authorizeB.origin).toBe(serverB.url);
    expect(authorizeB.searchParams.get('prompt')).toBe('select_account');
    await openLinkFromBrowser(app, await machine.approveInBrowser(authorizeB.href, graceAtB));
    await expect.poll(() => servers(app)).toEqual(['Ada Lovelace @ A', 'Grace Hopper @ B']);
    expect(app.app.account.profile?.email, 'the account just added is active').toBe(graceAtB.email);
    const list = popover.getByRole('region', { name: 'Accounts' });
    await list.getByRole('button', { name: new RegExp(`${graceAtB.email}\\W+${hostB}`, 'u') }).waitFor();
    await list.getByRole('button', { name: new RegExp(`${adaAtA.email}\\W+${new URL(serverA.url).host}`, 'u') }).waitFor();
    expect(sent.filter(({ token }) => token === '(code exchange)').map(({ origin }) => origin), 'each code went to the server that issued it').toEqual([serverA.url, serverB.url]);
    await checkTokens(app, sent);

    // A mix-up: the app adds Ada at B, and a callback from A arrives for that attempt, with A's
    // code for the app's own challenge. Its iss names A: refused, and no token endpoint is asked.
    await addOnServer(serverB.url);
    const authorizeAdaAtB = new URL(await machine.nextOpened(3));
    const forwardedToA = new URL(authorizeAdaAtB.pathname + authorizeAdaAtB.search, serverA.url);
    const fromA = new URL(await machine.approveInBrowser(forwardedToA.href, adaAtA));
    expect(fromA.searchParams.get('iss')).toBe(serverA.url);
    const exchangesBefore = sent.filter(({ token }) => token === '(code exchange)').length;
    const from = app.logs.length;
    await openLinkFromBrowser(app, fromA.href);
    await app.logged('A sign-in callback was ignored', { reason: 'an iss naming another server' }, from);
    expect(sent.filter(({ token }) => token === '(code exchange)'), 'no code went to any token endpoint').toHaveLength(exchangesBefore);
    // The genuine approval at B completes it: the same email on two servers is two accounts.
    await openLinkFromBrowser(app, await machine.approveInBrowser(authorizeAdaAtB.href, adaAtB));
    await expect.poll(() => servers(app)).toEqual(['Ada Lovelace @ A', 'Grace Hopper @ B', 'Ada at B @ B']);
    expect(listedEmails(app).filter((email) => email === adaAtA.email)).toHaveLength(2);
    await checkTokens(app, sent);

    // A restart: every account back on its own server, with no frame of signed-out.
    await machine.quit();
    sent.length = 0;
    app = await machine.start({ beforeReady: recordingBearers(sent) });
    expect(sentViews(app)[0]!.accounts.items.map((item) => item.server), 'the first frame shows each server').toEqual([new URL(serverA.url).host, hostB, hostB]);
    await expect.poll(() => accountStates(app), { timeout: 15_000 }).toEqual(['signedIn', 'signedIn', 'signedIn']);
    await expect.poll(() => new Set(sent.filter(({ token }) => token !== '').map(({ token }) => token)).size, { timeout: 15_000 }).toBe(3);
    expect(sentViews(app).map((view) => view.status)).not.toContain('signedOut');
    await checkTokens(app, sent);

    // Signing out of Grace ends her session at B; the others stay.
    const graceToken = app.app.accounts.find({ serverOrigin: serverB.url, userId: graceAtB.id })!.token!;
    // Ada is at both servers: each row's Sign out names the server too.
    await machine.popover().getByRole('button', { name: `Sign out of ${adaAtA.email} on ${new URL(serverA.url).host}` }).waitFor();
    await machine.popover().getByRole('button', { name: `Sign out of ${graceAtB.email} on ${hostB}` }).click();
    await expect.poll(() => servers(app)).toEqual(['Ada Lovelace @ A', 'Ada at B @ B']);
    const gone = await fetch(`${serverB.url}/api/auth/get-session`, { headers: { authorization: `Bearer ${graceToken}` } });
    expect(await gone.json(), 'server B forgot the session').toBeNull();
    expect(new Set(sent.filter(({ token }) => token === graceToken).map(({ origin }) => origin))).toEqual(new Set([serverB.url]));
  });

  it('is not offered in a build that pins its server, and the command is refused with a sentence', { timeout: 60_000 }, async () => {
    const sent: { origin: string; token: string; path: string }[] = [];
    machine = new Machine(serverA.url, systemBrowser, popoverBrowser);
    const app = await machine.start({ config: { allowOtherServers: false }, beforeReady: recordingBearers(sent) });
    const popover = machine.popover();
    await popover.getByRole('button', { name: 'Sign in with browser' }).click();
    await openLinkFromBrowser(app, await machine.approveInBrowser(await machine.nextOpened(1), adaAtA));
    await popover.getByRole('button', { name: 'Add another account' }).waitFor();
    expect(await popover.getByRole('button', { name: 'Add an account on another server' }).count()).toBe(0);
    const answer = await popover.evaluate((address) => window.latchkey.addAccountOnServer({ address }), serverB.url);
    expect(answer).toEqual({ ok: false, code: 'not_supported', message: serverAddressMessages.pinned });
    expect(machine.opened).toHaveLength(1);
    expect(sent.some(({ origin }) => origin === serverB.url), 'server B was never asked').toBe(false);
  });
});
