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
import { MemorySecrets, RecordingBrowser, RecordingLogger, systemRandom } from '../auth/fakes';
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

function start() {
  const logger = new RecordingLogger();
  const discovery = new ServerDiscovery({ http: server.http, serverOrigin: server.origin, logger });
  const flow = new SignInFlow({ serverOrigin: server.origin, clientId: config.clientId, scheme: config.developmentScheme, lifetimeMs: config.signInLifetimeMs, secrets: browserSecrets, http: server.http, browser, clock, random: systemRandom, logger, discovery });
  const device = new DeviceSignIn({ clientId: config.clientId, secrets: deviceSecrets, http: server.http, clock, random: systemRandom, logger, discovery });
  const account = new Account({ clock, random: systemRandom, logger, http: server.http, notifier: new RecordingNotifier(), vault, signIn: new SignInChoice(flow, device), config, serverOrigin: server.origin, discovery });
  return { account, device };
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
});
