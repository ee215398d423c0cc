import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import type { ElectronDouble } from '../harness/electron-double';
import { Machine, openLinkFromBrowser } from '../harness/journey';

/**
 * A mix-up (RFC 9207, RFC 9700 §4.4): the app starts a sign-in with server A, and a callback from
 * server B arrives for it, carrying B's code for the app's own PKCE challenge (an attacker
 * forwarded the app's authorization request to B). Were the app to send that code and its
 * verifier to A's token endpoint, whoever runs A could redeem the code at B. The callback's `iss`
 * names B, so the app refuses it and asks no token endpoint; and once A has promised `iss`, a
 * later start that cannot read A's metadata still refuses a callback without it.
 */
let serverA: TestAuthServer;
let serverB: TestAuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
let machine: Machine;
let personAtA: TestUser;
let personAtB: TestUser;

beforeAll(async () => {
  [serverA, serverB, systemBrowser, popoverBrowser] = await Promise.all([startAuthServer(), startAuthServer(), launchChromium(), launchChromium()]);
  const email = `mixed-${randomBytes(3).toString('hex')}@example.test`;
  [personAtA, personAtB] = await Promise.all([serverA.createUser({ email, name: 'Mo at A' }), serverB.createUser({ email, name: 'Mo at B' })]);
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), serverA?.close(), serverB?.close()]);
});
afterEach(async () => {
  await machine?.dispose();
});

/** Every request the app sent, and (when `metadataDown`) server A's metadata out of reach. */
function recording(sent: URL[], metadataDown = false) {
  return (double: ElectronDouble) => {
    const real = double.electron.net.fetch;
    double.electron.net.fetch = async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input.url);
      sent.push(url);
      if (metadataDown && url.origin === serverA.url && url.pathname === handoff.metadataPath) throw new Error('net::ERR_CONNECTION_RESET');
      return real(input, init);
    };
  };
}

const tokenRequests = (sent: URL[]) => sent.filter((url) => url.pathname.endsWith('/desktop/token')).map((url) => url.origin);

async function startSignIn(): Promise<URL> {
  const before = machine.opened.length;
  await machine.popover().getByRole('button', { name: 'Sign in with browser' }).click();
  return new URL(await machine.nextOpened(before + 1));
}

describe('a callback from another server for a sign-in started with this one', () => {
  it('is refused without asking any token endpoint, and the genuine callback still signs in', { timeout: 60_000 }, async () => {
    const sent: URL[] = [];
    machine = new Machine(serverA.url, systemBrowser, popoverBrowser);
    const app = await machine.start({ beforeReady: recording(sent) });
    const authorize = await startSignIn();
    expect(authorize.origin).toBe(serverA.url);

    // The same request, with the app's state and PKCE challenge, answered by server B.
    const forwarded = new URL(authorize.pathname + authorize.search, serverB.url);
    const fromB = new URL(await machine.approveInBrowser(forwarded.href, personAtB));
    expect(fromB.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    expect(fromB.searchParams.get('iss')).toBe(serverB.url);
    const from = app.logs.length;
    await openLinkFromBrowser(app, fromB.href);
    await app.logged('A sign-in callback was ignored', { reason: 'an iss naming another server' }, from);
    expect(tokenRequests(sent), 'no code or verifier went to a token endpoint').toEqual([]);
    expect(app.app.account.state.kind).toBe('signingIn');

    // The person's own approval at A still completes the sign-in that was kept waiting.
    await openLinkFromBrowser(app, await machine.approveInBrowser(authorize.href, personAtA));
    await machine.popover().getByRole('heading', { name: 'Mo at A' }).waitFor();
    expect(tokenRequests(sent)).toEqual([serverA.url]);
    const token = app.app.account.token!;
    expect(machine.filesContaining(token), 'no token on disk in plaintext').toEqual([]);
    expect((await machine.popover().content()).includes(token), 'no token in the popover').toBe(false);
    const session = await fetch(`${serverA.url}/api/auth/get-session`, { headers: { authorization: `Bearer ${token}` } });
    expect(await session.json()).toMatchObject({ user: { email: personAtA.email, name: 'Mo at A' } });
  });

  it('stays refused after a restart that cannot read the server’s metadata: the promise of iss is remembered', { timeout: 60_000 }, async () => {
    machine = new Machine(serverA.url, systemBrowser, popoverBrowser);
    const first = await machine.start();
    const seen = await startSignIn();
    await openLinkFromBrowser(first, await machine.approveInBrowser(seen.href, personAtA));
    await machine.popover().getByRole('heading', { name: 'Mo at A' }).waitFor();
    await machine.popover().getByRole('button', { name: 'Sign out' }).click();
    await machine.popover().getByRole('button', { name: 'Sign in with browser' }).waitFor();
    await machine.quit();

    const sent: URL[] = [];
    const app = await machine.start({ beforeReady: recording(sent, true) });
    const authorize = await startSignIn();
    expect(authorize.origin).toBe(serverA.url);
    const callback = new URL(await machine.approveInBrowser(authorize.href, personAtA));
    const stripped = new URL(callback.href);
    stripped.searchParams.delete('iss');
    const from = app.logs.length;
    await openLinkFromBrowser(app, stripped.href);
    await app.logged('A sign-in callback was ignored', { reason: 'no iss from a server that sends one' }, from);
    expect(sent.some((url) => url.pathname === handoff.metadataPath), 'the metadata was asked for, and failed').toBe(true);
    expect(tokenRequests(sent)).toEqual([]);

    await openLinkFromBrowser(app, callback.href);
    await machine.popover().getByRole('heading', { name: 'Mo at A' }).waitFor();
    expect(tokenRequests(sent)).toEqual([serverA.url]);
  });
});
