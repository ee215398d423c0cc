import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/server/request-log';
import { handoff } from '../../src/contract/handoff';
import { deviceMessages } from '../../src/core/device/device-messages';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { decideOnPhone } from '../harness/device-phone';
import { Machine } from '../harness/journey';
import { networkSwitch, type NetworkSwitch } from '../harness/network-switch';
import { readQrCode } from '../harness/qr-reader';
import { TraceRecorder } from '../../bench/trace-recorder';

/**
 * Sign-in with another device as a user does it: the real composition root, the built popover in
 * Chromium, the real auth server (SQLite) with BetterAuth's deviceAuthorization, and a phone: a
 * browser of its own that opens the address in the QR code and approves on the /device page.
 * The server polls at 1 s here (5 s in production); every journey checks that neither the session
 * token nor the device code reaches the popover or sits on disk in plaintext.
 */
let server: TestAuthServer;
let requests: RequestLogEntry[];
let popoverBrowser: Chromium;
let systemBrowser: Chromium;
let phone: Chromium;
let user: TestUser;
let machine: Machine;

beforeAll(async () => {
  requests = [];
  [server, popoverBrowser, systemBrowser, phone] = await Promise.all([
    startAuthServer({ device: { intervalSeconds: 1 }, requestLog: (entry) => requests.push(entry) }),
    launchChromium(),
    launchChromium(),
    launchChromium(),
  ]);
  user = await server.createUser({ name: 'Ada Lovelace' });
});
afterAll(async () => {
  await Promise.all([popoverBrowser?.close(), systemBrowser?.close(), phone?.close(), server?.close()]);
});
afterEach(async () => {
  await machine?.dispose();
});

const polls = (from: number) => requests.slice(from).filter((entry) => entry.path === handoff.deviceTokenPath);

/** Presses the button, waits for the device view, and scans its QR code as a phone would. */
async function startOnDevice(scan = true): Promise<{ address: string; userCode: string }> {
  const popover = machine.popover();
  await popover.getByRole('button', { name: 'Sign in with another device' }).click();
  await popover.getByRole('heading', { name: 'Sign in on another device' }).waitFor();
  const state = machine.app!.app.account.state;
  if (state.kind !== 'signingIn' || !state.device) throw new Error(`Not a device sign-in: ${state.kind}`);
  const address = scan ? await readQrCode(popover.getByRole('img', { name: /QR code/u })) : '';
  expect(address, 'the QR code in the popover can be read').not.toBeNull();
  return { address: address!, userCode: state.device.userCode };
}

/** The device code the server issued for a user code: a secret the app must keep to itself. */
async function deviceCodeOf(userCode: string, on = server): Promise<string> {
  const context = await on.server.auth.$context;
  const row = await context.adapter.findOne<{ deviceCode: string }>({ model: 'deviceCode', where: [{ field: 'userCode', value: userCode }] });
  if (!row) throw new Error('The server has no such code');
  return row.deviceCode;
}

/** Neither secret in anything sent to the popover, nor in plaintext in any file the app wrote. */
function expectKeptSecret(secret: string, what: string): void {
  expect(machine.filesContaining(secret), `the ${what} is never on disk in plaintext`).toEqual([]);
  const sent = JSON.stringify(machine.app!.popoverWindow().webContents.sent);
  expect(sent.includes(secret), `the popover never receives the ${what}`).toBe(false);
}

async function expectSignedIn(email = user.email): Promise<void> {
  await machine.popover().getByText(email).waitFor();
  expect(machine.app!.app.account.state.kind).toBe('signedIn');
  const token = machine.app!.app.account.token!;
  expect(token.length).toBeGreaterThan(10);
  await machine.app!.app.vault.settled();
  expectKeptSecret(token, 'session token');
}

describe('signing in with another device', () => {
  it('approve: the QR code leads the phone to the page, and the next poll signs the app in with one vault write', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const trace = new TraceRecorder();
    const app = await machine.start({ trace });
    const { address, userCode } = await startOnDevice();
    expect(address).toBe(`${server.url}${handoff.devicePagePath}?user_code=${userCode}`);
    expect(await machine.popover().getByText(`${server.url}${handoff.devicePagePath}`, { exact: true }).isVisible()).toBe(true);
    const deviceCode = await deviceCodeOf(userCode);
    await app.app.vault.settled();
    expectKeptSecret(deviceCode, 'device code');

    let pressedAt = 0;
    await decideOnPhone(phone, address, user, 'approve', () => (pressedAt = requests.length));
    await expectSignedIn();
    // From the moment the server answered the phone's approval: the approval is stored by then.
    const approved = requests.findIndex((entry, index) => index >= pressedAt && entry.method === 'POST' && entry.path === `${handoff.authBasePath}/desktop/device/decide`);
    expect(approved, 'the phone approved through the /device page').toBeGreaterThanOrEqual(0);
    const after = polls(approved);
    // A poll already on its way when the phone approved may still answer "pending"; the next one signs in.
    expect(after.length, 'signed in by the first poll after the approval').toBeLessThanOrEqual(2);
    expect(after.at(-1)?.status).toBe(200);
    expect(after.slice(0, -1).every((entry) => entry.status === 400)).toBe(true);
    expectKeptSecret(deviceCode, 'device code');
    expect(await app.app.vault.readSecret('deviceAttempt'), 'the attempt is gone once used').toEqual({ kind: 'none' });
    const received = trace.at('device token received');
    const writes = trace.all('vault written', received, trace.at('state changed', received));
    expect(writes.length, 'the token, the profile and the end of the attempt land in one store write').toBe(1);
  });

  it('Copy puts the address to type on the clipboard, through main', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await startOnDevice();
    await machine.popover().getByRole('button', { name: 'Copy' }).click();
    await machine.popover().getByRole('status').filter({ hasText: 'Copied the address to the clipboard.' }).waitFor();
    expect(app.double.clipboardText).toEqual([`${server.url}${handoff.devicePagePath}`]);
  });

  it('deny on the phone ends the sign-in with a sentence', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    const { address, userCode } = await startOnDevice();
    const deviceCode = await deviceCodeOf(userCode);
    await decideOnPhone(phone, address, user, 'deny');
    await machine.popover().getByText(deviceMessages.denied, { exact: true }).waitFor();
    expect(app.app.account.state.kind).toBe('signedOut');
    expect(app.app.account.token).toBeNull();
    expectKeptSecret(deviceCode, 'device code');
  });

  it('Cancel stops the polling and forgets the attempt', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    const { userCode } = await startOnDevice();
    const deviceCode = await deviceCodeOf(userCode);
    await machine.popover().getByRole('button', { name: 'Cancel sign-in' }).click();
    await machine.popover().getByText('Sign-in cancelled.', { exact: true }).waitFor();
    await app.logged('Device sign-in attempt ended', { why: 'cancelled' });
    expect(await app.app.vault.readSecret('deviceAttempt')).toEqual({ kind: 'none' });
    expectKeptSecret(deviceCode, 'device code');
  });

  it('a browser sign-in started meanwhile cancels the device one, and says so', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await startOnDevice();
    await machine.popover().getByRole('button', { name: 'Sign in with browser instead' }).click();
    await machine.popover().getByRole('heading', { name: 'Waiting for your browser' }).waitFor();
    await machine.popover().getByText(deviceMessages.replacedDevice, { exact: true }).waitFor();
    await app.logged('Device sign-in attempt ended', { why: 'cancelled' });
  });

  it('survives a restart mid-flow: the next start resumes polling, and the approval signs in', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    await machine.start();
    const { address, userCode } = await startOnDevice();
    const deviceCode = await deviceCodeOf(userCode);
    await machine.app!.app.vault.settled();
    await machine.quit();
    const app = await machine.start();
    await machine.popover().getByRole('heading', { name: 'Sign in on another device' }).waitFor();
    await app.logged('Device sign-in resumed after a restart');
    expect(await machine.popover().getByText(userCode.slice(0, 4)).isVisible()).toBe(true);
    await decideOnPhone(phone, address, user, 'approve');
    await expectSignedIn();
    expectKeptSecret(deviceCode, 'device code');
  });

  it('slow_down: the app polls 5 s slower for the rest of the attempt', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    const { address, userCode } = await startOnDevice();
    // The server now wants 3 s between polls, though the code said 1 s: the next poll is too soon.
    const context = await server.server.auth.$context;
    await context.adapter.update({ model: 'deviceCode', where: [{ field: 'userCode', value: userCode }], update: { pollingInterval: 3_000 } });
    const from = app.logs.length;
    const slowed = await app.logged('The server asked Latchkey to poll more slowly', {}, from);
    expect(slowed.fields?.intervalMs).toBe(6_000);
    const slowedAt = app.logs.indexOf(slowed);
    const serverFrom = requests.length;
    await app.logged('Device token polled', { result: 'pending' }, slowedAt);
    // A poll already on its way when the server changed its mind may still have answered "pending".
    const answers = app.logs.slice(from).filter((entry) => entry.message === 'Device token polled').map((entry) => entry.fields?.result);
    expect(answers.filter((answer) => answer === 'slowDown'), 'one slow_down, then polls far enough apart').toEqual(['slowDown']);
    expect(answers.slice(answers.indexOf('slowDown')), 'the poll after it comes 6 s later, and is welcome').toEqual(['slowDown', 'pending']);
    expect(polls(serverFrom).length, 'the server saw no poll in between').toBeLessThanOrEqual(1);
    await decideOnPhone(phone, address, user, 'approve');
    await expectSignedIn();
  });
});

describe('device sign-in against an unsteady server', () => {
  let flaky: TestAuthServer | null = null;
  let net: NetworkSwitch | null = null;
  afterEach(async () => {
    await machine?.dispose();
    await flaky?.close();
    await net?.close();
    flaky = null;
    net = null;
  });

  it('the code expires before anyone approves: the sign-in ends with a sentence', async () => {
    flaky = await startAuthServer({ device: { intervalSeconds: 1, codeLifetimeSeconds: 3 } });
    machine = new Machine(flaky.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    await startOnDevice(false);
    await machine.popover().getByText(deviceMessages.expired, { exact: true }).waitFor();
    await app.logged('Device sign-in ended', { why: 'expired' });
    expect(app.app.account.state.kind).toBe('signedOut');
    expect(await app.app.vault.readSecret('deviceAttempt')).toEqual({ kind: 'none' });
  });

  it('the server goes down mid-poll: the popover says offline, and once it is back the approval signs in', async () => {
    net = await networkSwitch();
    flaky = await startAuthServer({ device: { intervalSeconds: 1 }, publicUrl: net.url });
    net.route(flaky.server.port);
    const ada = await flaky.createUser({ name: 'Ada Lovelace' });
    machine = new Machine(net.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    const { address } = await startOnDevice();
    await app.logged('Device token polled', { result: 'pending' });
    net.route(null);
    await app.logged('Device sign-in cannot reach the server', { trouble: 'offline' });
    await machine.popover().getByText(/Latchkey is offline\. It keeps trying/u).waitFor();
    expect(app.app.account.state.kind).toBe('signingIn');
    net.route(flaky.server.port);
    await app.logged('Device sign-in reaches the server again', { trouble: 'none' });
    await machine.popover().getByText(/Waiting for approval\./u).waitFor();
    await decideOnPhone(phone, address, ada, 'approve');
    await expectSignedIn(ada.email);
  });
});
