import { beforeEach, describe, expect, it } from 'vitest';
import { Account } from '../../../src/core/account/account';
import type { SecretRead } from '../../../src/core/account/ports';
import { ServerDiscovery } from '../../../src/core/auth/server-discovery';
import { SignInChoice } from '../../../src/core/auth/sign-in-choice';
import { SignInFlow } from '../../../src/core/auth/sign-in-flow';
import { resolveConfig } from '../../../src/core/config';
import type { DeviceAttemptSecrets } from '../../../src/core/device/device-attempt';
import { deviceMessages } from '../../../src/core/device/device-messages';
import { DeviceSignIn } from '../../../src/core/device/device-sign-in';
import { FakeClock } from '../../harness/fake-clock';
import { MemoryVault, RecordingNotifier } from '../account/fakes';
import { FakeAuthServer, MemorySecrets, RecordingBrowser, RecordingLogger, systemRandom } from '../auth/fakes';
import type { Http } from '../../../src/core/ports';
import { FakeDeviceServer } from './fake-device-server';

/**
 * The account with both sign-ins wired as compose.ts wires them: one at a time, each start
 * cancelling the other with a sentence, and a device approval arriving on its own.
 */
class DeviceSecrets implements DeviceAttemptSecrets {
  value: string | null = null;
  async readSecret(): Promise<SecretRead> {
    return this.value === null ? { kind: 'none' } : { kind: 'value', value: this.value };
  }
  async writeSecret(_name: 'deviceAttempt', value: string) {
    this.value = value;
  }
  async deleteSecret() {
    this.value = null;
  }
}

const config = resolveConfig({ serverUrl: 'https://auth.example.test' });
let clock: FakeClock;
let server: FakeDeviceServer;
let browserSecrets: MemorySecrets;
let deviceSecrets: DeviceSecrets;
let browser: RecordingBrowser;
let vault: MemoryVault;

function start(http: Http = server.http) {
  const logger = new RecordingLogger();
  const discovery = new ServerDiscovery({ http, serverOrigin: server.origin, logger });
  const flow = new SignInFlow({ serverOrigin: server.origin, clientId: config.clientId, scheme: config.developmentScheme, lifetimeMs: config.signInLifetimeMs, secrets: browserSecrets, http, browser, clock, random: systemRandom, logger, discovery });
  const device = new DeviceSignIn({ clientId: config.clientId, secrets: deviceSecrets, http, clock, random: systemRandom, logger, discovery });
  const account = new Account({ clock, random: systemRandom, logger, http, notifier: new RecordingNotifier(), vault, signIn: new SignInChoice(flow, device), config, serverOrigin: server.origin, discovery });
  return { account, device };
}

/** The device server, plus the browser sign-in's code exchange (the handoff's token endpoint). */
function withBrowserExchange() {
  const auth = new FakeAuthServer(server.origin);
  const http: Http = (input, init) => {
    if (new URL(String(input)).pathname !== '/api/auth/desktop/token') return server.http(input, init);
    auth.down = server.down;
    return auth.fetch(input, init);
  };
  return { auth, ...start(http) };
}

beforeEach(() => {
  clock = new FakeClock();
  server = new FakeDeviceServer(clock);
  browserSecrets = new MemorySecrets();
  deviceSecrets = new DeviceSecrets();
  browser = new RecordingBrowser();
  vault = new MemoryVault();
});

describe('one sign-in at a time', () => {
  it('a device sign-in started during a browser one cancels it and says so; approval signs in and saves the token', async () => {
    const { account } = start();
    await account.start();
    await account.signIn('scheme');
    expect(browserSecrets.value).not.toBeNull();
    expect(await account.signIn('device')).toEqual({ ok: true });
    expect(browserSecrets.value, 'the browser attempt is gone').toBeNull();
    expect(account.state).toMatchObject({ kind: 'signingIn', via: 'device', notice: { tone: 'info', text: deviceMessages.replacedBrowser }, device: { userCode: 'WDJBMJHT' } });
    server.approve();
    await clock.advance(5_000);
    expect(account.state).toMatchObject({ kind: 'signedIn', profile: { email: 'ada@example.com' } });
    expect(vault.token).toBe(account.token);
    expect(deviceSecrets.value).toBeNull();
  });

  it('a browser sign-in started during a device one cancels it and says so; the device code is polled no more', async () => {
    const { account } = start();
    await account.start();
    await account.signIn('device');
    await account.signIn('scheme');
    expect(account.state).toMatchObject({ kind: 'signingIn', via: 'scheme', device: null, notice: { text: deviceMessages.replacedDevice } });
    expect(deviceSecrets.value).toBeNull();
    await clock.advance(60_000);
    expect(server.polls).toEqual([]);
  });

  it('offline while polling shows in the state, and a denial ends it with a sentence', async () => {
    const { account } = start();
    await account.start();
    await account.signIn('device');
    server.down = true;
    await clock.advance(5_000);
    expect(account.state).toMatchObject({ kind: 'signingIn', device: { trouble: 'offline' } });
    server.down = false;
    server.deny();
    await clock.advance(60_000);
    expect(account.state).toEqual({ kind: 'signedOut', notice: { tone: 'info', text: deviceMessages.denied } });
  });

  it('a restart resumes the device sign-in, and Cancel ends it', async () => {
    const first = start();
    await first.account.start();
    await first.account.signIn('device');
    first.account.stop();
    first.device.stop();
    const second = start();
    await second.account.start();
    expect(second.account.state).toMatchObject({ kind: 'signingIn', via: 'device', device: { userCode: 'WDJBMJHT' } });
    await second.account.cancelSignIn();
    expect(second.account.state).toMatchObject({ kind: 'signedOut' });
    expect(deviceSecrets.value).toBeNull();
  });

  it('"another device" while offline keeps the browser sign-in about to finish, which then signs in', async () => {
    const { account, auth } = withBrowserExchange();
    await account.start();
    await account.signIn('scheme');
    const callback = auth.approve(browser.last());
    server.down = true;
    expect(await account.signIn('device')).toMatchObject({ ok: false });
    expect(account.state).toMatchObject({ kind: 'signingIn', via: 'scheme', notice: { tone: 'error', text: deviceMessages.cannotStart } });
    expect(browserSecrets.value, 'the browser attempt is kept').not.toBeNull();

    server.down = false;
    await account.receiveCallback(callback);
    expect(account.state).toMatchObject({ kind: 'signedIn', profile: { email: 'ada@example.com' } });
  });

  it('"another device" against a server without device sign-in keeps the browser sign-in, which then signs in', async () => {
    server.offersDevice = false;
    const { account, auth } = withBrowserExchange();
    await account.start();
    await account.signIn('scheme');
    expect(await account.signIn('device')).toMatchObject({ ok: false });
    expect(account.state).toMatchObject({ kind: 'signingIn', via: 'scheme', notice: { tone: 'error', text: deviceMessages.notOffered } });
    await account.receiveCallback(auth.approve(browser.last()));
    expect(account.state).toMatchObject({ kind: 'signedIn' });
  });

  it('renewing: a way that cannot start never says signed out while the server accepts the token', async () => {
    const { account } = withBrowserExchange();
    await account.start();
    await account.signIn('device');
    server.approve();
    await clock.advance(5_000);
    expect(account.state).toMatchObject({ kind: 'signedIn' });
    const token = account.token;

    await account.signIn('scheme');
    expect(account.state).toMatchObject({ kind: 'signingIn', profile: { email: 'ada@example.com' } });
    server.down = true;
    expect(await account.signIn('device')).toMatchObject({ ok: false });
    expect(account.state.kind).not.toBe('signedOut');
    expect(account.state).toMatchObject({ kind: 'signingIn', via: 'scheme', profile: { email: 'ada@example.com' } });
    await account.cancelSignIn();
    expect(account.state).toMatchObject({ kind: 'signedIn', profile: { email: 'ada@example.com' } });
    expect(account.token).toBe(token);
  });

  it('a device sign-in that cannot start again keeps the one under way', async () => {
    const { account } = start();
    await account.start();
    await account.signIn('device');
    const first = deviceSecrets.value;
    server.down = true;
    expect(await account.signIn('device')).toMatchObject({ ok: false });
    expect(deviceSecrets.value).toBe(first);
    expect(account.state).toMatchObject({ kind: 'signingIn', via: 'device', device: { userCode: 'WDJBMJHT' } });
    server.down = false;
    server.approve();
    await clock.advance(60_000);
    expect(account.state).toMatchObject({ kind: 'signedIn' });
  });
});
