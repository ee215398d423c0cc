import { beforeEach, describe, expect, it } from 'vitest';
import { Account } from '../../../src/core/account/account';
import { resolveConfig } from '../../../src/core/config';
import { SignInFlow } from '../../../src/core/auth/sign-in-flow';
import type { Http } from '../../../src/core/ports';
import { FakeClock } from '../../harness/fake-clock';
import { MemoryVault, RecordingNotifier, SessionServer } from '../account/fakes';
import { FakeAuthServer, MemorySecrets, RecordingBrowser, RecordingLogger, systemRandom } from './fakes';

/**
 * The account state machine driven by the real sign-in flow, wired the way compose.ts should wire
 * them: what the user sees after each step of a browser sign-in.
 */
const config = resolveConfig({ serverUrl: 'https://auth.example.test' });
const scheme = config.developmentScheme;

let clock: FakeClock;
let auth: FakeAuthServer;
let sessions: SessionServer;
let secrets: MemorySecrets;
let browser: RecordingBrowser;
let vault: MemoryVault;

/** One server: the token endpoint issues sessions that get-session then knows. */
const http: Http = async (input, init) => {
  if (new URL(String(input)).pathname !== '/api/auth/desktop/token') return sessions.http(input, init);
  const response = await auth.fetch(input, init);
  if (response.ok) {
    const body = (await response.clone().json()) as { access_token: string; expires_at: string; user: { id: string; email: string; name: string; image: null } };
    sessions.sessions.set(body.access_token, { expiresAt: Date.parse(body.expires_at), user: body.user });
  }
  return response;
};

function start() {
  const flow = new SignInFlow({
    serverOrigin: auth.origin,
    clientId: config.clientId,
    scheme,
    lifetimeMs: config.signInLifetimeMs,
    secrets,
    http,
    browser,
    clock,
    random: systemRandom,
    logger: new RecordingLogger(),
  });
  const account = new Account({ clock, random: systemRandom, logger: new RecordingLogger(), http, notifier: new RecordingNotifier(), vault, signIn: flow, config, serverOrigin: auth.origin });
  flow.onLoopbackCallback((url) => void account.receiveCallback(url));
  return { flow, account };
}

beforeEach(() => {
  clock = new FakeClock();
  auth = new FakeAuthServer();
  sessions = new SessionServer();
  secrets = new MemorySecrets();
  browser = new RecordingBrowser();
  vault = new MemoryVault();
});

describe('the account with the real sign-in flow', () => {
  it('signs in through the deep link and keeps the token in the vault', async () => {
    const { account } = start();
    await account.start();
    await account.signIn();
    expect(account.state.kind).toBe('signingIn');
    await account.receiveCallback(auth.approve(browser.last()));
    expect(account.state).toMatchObject({ kind: 'signedIn', profile: { email: 'ada@example.com' } });
    expect(vault.token).toMatch(/^session-/u);
    expect(secrets.value).toBeNull();
  });

  it('is still signing in after a restart in mid-flow, and completes', async () => {
    await start().account.signIn();
    const callback = auth.approve(browser.last());
    const { account } = start();
    await account.start();
    expect(account.state.kind).toBe('signingIn');
    await account.receiveCallback(callback);
    expect(account.state.kind).toBe('signedIn');
  });

  it('stays signed out when an attacker’s callback arrives', async () => {
    const attackerBrowser = new RecordingBrowser();
    await new SignInFlow({ serverOrigin: auth.origin, clientId: config.clientId, scheme, lifetimeMs: 600_000, secrets: new MemorySecrets(), http, browser: attackerBrowser, clock, random: systemRandom, logger: new RecordingLogger() }).start('scheme');
    const { account } = start();
    await account.start();
    await account.receiveCallback(auth.approve(attackerBrowser.last()));
    expect(account.state).toEqual({ kind: 'signedOut', notice: null });
    expect(vault.token).toBeNull();
  });

  it('shows "Sign-in cancelled in the browser" after access_denied', async () => {
    const { account } = start();
    await account.start();
    await account.signIn();
    await account.receiveCallback(auth.deny(browser.last()));
    expect(account.state).toEqual({ kind: 'signedOut', notice: { tone: 'info', text: 'Sign-in cancelled in the browser.' } });
  });

  it('shows "Sign-in timed out" when the lifetime runs out', async () => {
    const { account } = start();
    await account.start();
    await account.signIn();
    await clock.advance(config.signInLifetimeMs);
    expect(account.state).toEqual({ kind: 'signedOut', notice: { tone: 'info', text: 'Sign-in timed out.' } });
    expect(secrets.value).toBeNull();
  });

  it('signs in with a pasted code, after a mistyped one', async () => {
    const { account } = start();
    await account.start();
    await account.signIn();
    const code = auth.codeOf(auth.approve(browser.last()));
    expect(await account.submitCode(`${code}x`)).toMatchObject({ ok: false, code: 'exchange_rejected' });
    expect(account.state.kind).toBe('signingIn');
    expect(await account.submitCode(code)).toEqual({ ok: true });
    expect(account.state.kind).toBe('signedIn');
  });

  it('cancel deletes the attempt', async () => {
    const { account } = start();
    await account.start();
    await account.signIn();
    await account.cancelSignIn();
    expect(secrets.value).toBeNull();
    expect(account.state).toMatchObject({ kind: 'signedOut' });
  });
});
