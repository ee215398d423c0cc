import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { Machine, openLinkFromBrowser } from '../harness/journey';
import { signInWithBrowser } from '../harness/system-browser';

/**
 * Sign-in as a user does it: the real composition root with only Electron replaced, the built
 * popover in Chromium, the real auth server, and a second Chromium as the system browser.
 */
let server: TestAuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
/** Another person's browser, signed in to their own account. */
let malloryBrowser: Chromium;
let user: TestUser;
let machine: Machine;

beforeAll(async () => {
  [server, systemBrowser, popoverBrowser, malloryBrowser] = await Promise.all([startAuthServer(), launchChromium(), launchChromium(), launchChromium()]);
  user = await server.createUser({ name: 'Ada Lovelace' });
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), malloryBrowser?.close(), server?.close()]);
});
afterEach(async ({ task }) => {
  // A journey that fails mostly does so by timing out: what the app did says how far it got.
  if (task.result?.state === 'fail' && machine?.app) console.error(`The app's log when "${task.name}" failed:\n${machine.app.logs.map((entry) => JSON.stringify(entry)).join('\n')}`);
  await machine?.dispose();
});

async function pressSignIn(): Promise<string> {
  const before = machine.opened.length;
  await machine.popover().getByRole('button', { name: 'Sign in with browser' }).click();
  return machine.nextOpened(before + 1);
}

/** Starts a sign-in, then takes the loopback alternative; returns the second authorize URL opened. */
async function pressUseLoopback(): Promise<string> {
  await pressSignIn();
  const before = machine.opened.length;
  await machine.popover().getByRole('button', { name: 'Use loopback instead' }).click();
  return machine.nextOpened(before + 1);
}

async function expectSignedIn(): Promise<void> {
  await machine.popover().getByText(user.email).waitFor();
  expect(machine.app!.app.account.state.kind).toBe('signedIn');
  expect(machine.app!.double.tray.tooltip).toBe(`Latchkey: Signed in as ${user.name}.`);
  const token = machine.app!.app.account.token!;
  expect(token.length).toBeGreaterThan(10);
  expect(machine.filesContaining(token), 'the token is never on disk in plaintext').toEqual([]);
  const sent = JSON.stringify(machine.app!.popoverWindow().webContents.sent);
  expect(sent.includes(token), 'the popover never receives the token').toBe(false);
}

describe('signing in through the browser', () => {
  it('a link handed over by a second instance (Windows, Linux) signs the user in', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    const authorize = await pressSignIn();
    expect(new URL(authorize).origin).toBe(server.url);
    await machine.popover().getByRole('heading', { name: 'Waiting for your browser' }).waitFor();
    const callback = await machine.approveInBrowser(authorize, user);
    expect(callback.startsWith('dev.latchkey.app.dev:/auth/callback?')).toBe(true);
    await openLinkFromBrowser(app, callback);
    await expectSignedIn();
    await machine.popover().getByRole('heading', { name: 'Ada Lovelace' }).waitFor();
  });

  it('a link delivered by macOS open-url signs the user in', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start({ platform: 'darwin' });
    const callback = await machine.approveInBrowser(await pressSignIn(), user);
    await openLinkFromBrowser(app, callback);
    await expectSignedIn();
  });

  it('Windows, a checkout in a folder with a space: the link comes back through the registry command', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start({ platform: 'win32', appPath: 'C:\\Users\\Ada Lovelace\\latchkey' });
    const callback = await machine.approveInBrowser(await pressSignIn(), user);
    await openLinkFromBrowser(app, callback);
    await expectSignedIn();
  });

  it('macOS: the link that launches the app arrives in open-url before ready and completes the saved attempt', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    await machine.start({ platform: 'darwin' });
    const authorize = await pressSignIn();
    await machine.quit();
    const callback = await machine.approveInBrowser(authorize, user);
    await machine.start({ platform: 'darwin', launchedByLink: callback });
    await expectSignedIn();
  });

  it('survives a restart mid-flow: the link that launches the app completes the saved attempt', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    await machine.start();
    const authorize = await pressSignIn();
    await machine.quit();
    const callback = await machine.approveInBrowser(authorize, user);
    await machine.start({ argv: ['/opt/Latchkey/latchkey', callback] });
    await expectSignedIn();
  });

  it('the loopback alternative: Chromium really brings the sign-in back to the app’s listener', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    await machine.start();
    const authorize = await pressUseLoopback();
    expect(new URL(authorize).searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback$/u);
    const callback = await machine.approveInBrowser(authorize, user);
    expect(callback.startsWith('http://127.0.0.1:')).toBe(true);
    await expectSignedIn();
  });

  it('a restart in mid-flow over loopback: the restarted app listens on the same port, and the browser’s redirect lands there', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    await machine.start();
    const authorize = await pressUseLoopback();
    await machine.quit();
    const app = await machine.start();
    await app.logged('Sign-in resumed after a restart', { via: 'loopback' });
    // The listener starts before the attempt is resumed, so a refusal would already be logged.
    expect(app.logs.filter((entry) => entry.message === 'The loopback listener could not start')).toEqual([]);
    const callback = await machine.approveInBrowser(authorize, user);
    expect(callback.startsWith('http://127.0.0.1:')).toBe(true);
    await expectSignedIn();
  });

  it('a pasted code signs the user in when the link never arrives', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    await machine.start();
    const callback = await machine.approveInBrowser(await pressSignIn(), user);
    const code = new URL(callback).searchParams.get('code')!;
    const popover = machine.popover();
    await popover.getByRole('button', { name: 'Paste a code' }).click();
    await popover.getByLabel('Sign-in code from your browser').fill(code);
    await popover.getByRole('button', { name: 'Continue' }).click();
    await expectSignedIn();
  });

  it('a code typed in the groups the page shows it in, with dashes, signs the user in', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    await machine.start();
    const callback = await machine.approveInBrowser(await pressSignIn(), user);
    const typed = new URL(callback).searchParams.get('code')!.match(/.{1,4}/gu)!.join(' - ');
    const popover = machine.popover();
    await popover.getByRole('button', { name: 'Paste a code' }).click();
    await popover.getByLabel('Sign-in code from your browser').fill(typed);
    await popover.getByRole('button', { name: 'Continue' }).click();
    await expectSignedIn();
  });

  it('ignores an attacker’s valid callback from another attempt, then completes the real one', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    const authorize = await pressSignIn();
    // Mallory approves an attempt of her own, in her own browser, and sends Ada the link.
    const attacker = await server.createUser({ name: 'Mallory' });
    const forged = await signInWithBrowser(malloryBrowser.context, {
      authorizeUrl: server.authorizeUrl({ redirect_uri: 'dev.latchkey.app.dev:/auth/callback' }),
      account: attacker,
    });
    await forged.page.close();
    const ignored = 'A sign-in callback was ignored';
    await openLinkFromBrowser(app, forged.callbackUrl);
    await app.logged(ignored, { reason: 'state does not match' });
    await openLinkFromBrowser(app, 'dev.latchkey.app.dev:/auth/callback?code=x&state=y&extra=1');
    await app.logged(ignored, { accepted: false, reason: 'an unexpected parameter' });
    expect(app.app.account.state.kind, 'a forged link signs no one in').toBe('signingIn');
    expect(app.app.account.token).toBeNull();

    const genuine = await machine.approveInBrowser(authorize, user);
    await openLinkFromBrowser(app, genuine);
    await expectSignedIn();
    const replayedFrom = app.logs.length;
    await openLinkFromBrowser(app, genuine);
    await app.logged(ignored, { reason: 'no sign-in pending' }, replayedFrom);
    expect(app.app.account.state.kind, 'a replayed link changes nothing').toBe('signedIn');
  });

  it('a denial in the browser ends the attempt with a sentence', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    const callback = await machine.approveInBrowser(await pressSignIn(), user, 'deny');
    await openLinkFromBrowser(app, callback);
    await machine.popover().getByText('Sign-in cancelled in the browser.', { exact: true }).waitFor();
    expect(app.app.account.state.kind).toBe('signedOut');
  });
});
