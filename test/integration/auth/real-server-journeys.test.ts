import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignInFlow, type FlowStep, type SignInFlowDeps } from '../../../src/core/auth/sign-in-flow';
import { checkSession } from '../../../src/core/session/session-client';
import { loopbackServer } from '../../../src/main/adapters/loopback-listener';
import { startAuthServer, type TestAuthServer, type TestUser } from '../../harness/auth-server';
import { launchChromium, type Chromium } from '../../harness/chromium';
import { FakeClock } from '../../harness/fake-clock';
import { signInWithBrowser } from '../../harness/system-browser';
import { MemorySecrets, RecordingBrowser, RecordingLogger, systemRandom } from '../../unit/auth/fakes';

/**
 * The app's side against the real reference server, with real Chromium as the system browser:
 * the callback URLs here are the ones the server's pages really produced.
 */
let server: TestAuthServer;
let chromium: Chromium;
let user: TestUser;

beforeAll(async () => {
  server = await startAuthServer();
  chromium = await launchChromium();
  user = await server.createUser();
});
afterAll(async () => {
  await chromium?.close();
  await server?.close();
});

function flow(secrets: MemorySecrets, browser: RecordingBrowser, extra: Partial<SignInFlowDeps> = {}) {
  return new SignInFlow({
    serverOrigin: server.url,
    clientId: 'latchkey-desktop',
    scheme: 'dev.latchkey.app',
    lifetimeMs: 600_000,
    secrets,
    http: (input, init) => fetch(input, init),
    browser,
    clock: new FakeClock(Date.now()),
    random: systemRandom,
    logger: new RecordingLogger(),
    ...extra,
  });
}

describe('against the real auth server', () => {
  it('custom scheme, with a restart in mid-flow: the session works and a replay is ignored', async () => {
    const secrets = new MemorySecrets();
    const browser = new RecordingBrowser();
    await flow(secrets, browser).start('scheme');
    const { callbackUrl } = await signInWithBrowser(chromium.context, { authorizeUrl: browser.opened[0]!, account: user });

    const restarted = flow(secrets, new RecordingBrowser());
    expect(await restarted.resume()).toMatchObject({ via: 'scheme' });
    const step = await restarted.receiveCallback(callbackUrl);
    expect(step).toMatchObject({ kind: 'signedIn', user: { email: user.email } });
    if (step.kind !== 'signedIn') return;
    expect(await checkSession((input, init) => fetch(input, init), server.url, step.token)).toMatchObject({ kind: 'valid' });
    expect(await restarted.receiveCallback(callbackUrl)).toEqual({ kind: 'ignored', reason: 'no sign-in pending' });
  });

  it('loopback: Chromium is redirected to the app’s listener and the app signs in', async () => {
    const browser = new RecordingBrowser();
    const signIn = flow(new MemorySecrets(), browser, { loopback: loopbackServer });
    const steps: Promise<FlowStep>[] = [];
    signIn.onLoopbackCallback((url) => steps.push(signIn.receiveCallback(url)));
    await signIn.start('loopback');
    const result = await signInWithBrowser(chromium.context, { authorizeUrl: browser.opened[0]!, account: user });
    expect(result.via).toBe('loopback');
    await expect.poll(() => steps.length).toBe(1);
    expect(await steps[0]).toMatchObject({ kind: 'signedIn', user: { email: user.email } });
  });

  it('ends with "Sign-in cancelled in the browser" when the user cancels on the consent screen', async () => {
    const browser = new RecordingBrowser();
    const signIn = flow(new MemorySecrets(), browser);
    await signIn.start('scheme');
    const { callbackUrl } = await signInWithBrowser(chromium.context, { authorizeUrl: browser.opened[0]!, account: user, decision: 'deny' });
    expect(await signIn.receiveCallback(callbackUrl)).toEqual({ kind: 'ended', message: 'Sign-in cancelled in the browser.' });
  });

  it('ignores an attacker’s callback carrying a valid code, and the attacker’s code stays unspent', async () => {
    const attackerBrowser = new RecordingBrowser();
    const attackerSecrets = new MemorySecrets();
    const attacker = flow(attackerSecrets, attackerBrowser);
    await attacker.start('scheme');
    const crafted = await signInWithBrowser(chromium.context, { authorizeUrl: attackerBrowser.opened[0]!, account: user });

    const victim = flow(new MemorySecrets(), new RecordingBrowser());
    await victim.start('scheme');
    expect(await victim.receiveCallback(crafted.callbackUrl)).toEqual({ kind: 'ignored', reason: 'state does not match' });
    // Nothing was sent to the server: the code still works for the attempt it belongs to.
    expect(await attacker.receiveCallback(crafted.callbackUrl)).toMatchObject({ kind: 'signedIn' });
  });

  it('paste: the code from the hand-back page signs in', async () => {
    const browser = new RecordingBrowser();
    const signIn = flow(new MemorySecrets(), browser);
    await signIn.start('scheme');
    const { callbackUrl } = await signInWithBrowser(chromium.context, { authorizeUrl: browser.opened[0]!, account: user });
    const code = new URL(callbackUrl.replace('dev.latchkey.app:', 'x://h')).searchParams.get('code')!;
    expect(await signIn.submitCode(`${code}-typo`)).toMatchObject({ kind: 'failed' });
    expect(await signIn.submitCode(code)).toMatchObject({ kind: 'signedIn' });
  });
});
