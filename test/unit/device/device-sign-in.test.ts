import { beforeEach, describe, expect, it } from 'vitest';
import type { SecretRead, SignInEvent } from '../../../src/core/account/ports';
import { ServerDiscovery } from '../../../src/core/auth/server-discovery';
import type { DeviceAttemptSecrets } from '../../../src/core/device/device-attempt';
import { deviceMessages } from '../../../src/core/device/device-messages';
import { DeviceSignIn } from '../../../src/core/device/device-sign-in';
import { FakeClock } from '../../harness/fake-clock';
import { RecordingLogger, systemRandom } from '../auth/fakes';
import { faultAnswers } from '../../harness/fault-answers';
import { FakeDeviceServer } from './fake-device-server';

/** The vault's 'deviceAttempt' secret in memory; two sign-ins sharing it play a restart. */
class MemoryDeviceSecrets implements DeviceAttemptSecrets {
  value: string | null = null;
  writes = 0;
  async readSecret(): Promise<SecretRead> {
    return this.value === null ? { kind: 'none' } : { kind: 'value', value: this.value };
  }
  async writeSecret(_name: 'deviceAttempt', value: string) {
    this.writes += 1;
    this.value = value;
  }
  async deleteSecret() {
    this.value = null;
  }
}

let clock: FakeClock;
let server: FakeDeviceServer;
let secrets: MemoryDeviceSecrets;
let logger: RecordingLogger;

function deviceSignIn() {
  const discovery = new ServerDiscovery({ http: server.http, serverOrigin: server.origin, logger });
  const device = new DeviceSignIn({ clientId: 'latchkey-desktop', secrets, http: server.http, clock, random: systemRandom, logger, discovery });
  const events: SignInEvent[] = [];
  device.onEvent((event) => events.push(event));
  return { device, events };
}

const gaps = (times: number[]) => times.slice(1).map((at, i) => at - times[i]!);

beforeEach(() => {
  clock = new FakeClock();
  server = new FakeDeviceServer(clock);
  secrets = new MemoryDeviceSecrets();
  logger = new RecordingLogger();
});

describe('device sign-in (RFC 8628)', () => {
  it('asks for a code as the registered client, saves the attempt, and shows the code and a QR but never the device code', async () => {
    const { device } = deviceSignIn();
    const started = await device.start();
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(server.last.clientId).toBe('latchkey-desktop');
    expect(started.pending).toMatchObject({ via: 'device', expiresAt: clock.now() + 600_000, device: { userCode: 'WDJBMJHT', verificationUri: `${server.origin}/device`, trouble: null } });
    expect(started.pending.device!.qr.size).toBeGreaterThan(20);
    expect(JSON.stringify(started.pending)).not.toContain(server.last.deviceCode);
    expect(secrets.value).toContain(server.last.deviceCode);
    expect(logger.text()).not.toContain(server.last.deviceCode);
  });

  it('polls at the interval after each answer, never sooner, and keeps waiting through authorization_pending', async () => {
    const { device, events } = deviceSignIn();
    await device.start();
    await clock.advance(4_999);
    expect(server.polls, 'the first poll waits a whole interval').toEqual([]);
    await clock.advance(60_000);
    expect(server.polls.length).toBe(12);
    expect(gaps(server.polls).every((gap) => gap >= 5_000)).toBe(true);
    expect(events, 'pending answers change nothing the user sees').toEqual([]);
  });

  it('slow_down adds 5 s to the interval for the rest of the attempt, and a restart keeps it', async () => {
    const { device } = deviceSignIn();
    await device.start();
    server.forceSlowDown = true;
    await clock.advance(5_000);
    server.forceSlowDown = false;
    await clock.advance(9_999);
    expect(server.polls.length, 'no poll before 5 + 10 s').toBe(1);
    await clock.advance(1);
    await clock.advance(30_000);
    expect(gaps(server.polls)).toEqual([10_000, 10_000, 10_000, 10_000]);
    device.stop();
    const restarted = deviceSignIn();
    await restarted.device.resume();
    const before = server.polls.length;
    await clock.advance(30_000);
    expect(gaps(server.polls.slice(before - 1)).slice(1)).toEqual([10_000, 10_000]);
  });

  it('approval signs in with the session the token names, and ends the saved attempt', async () => {
    const { device, events } = deviceSignIn();
    await device.start();
    await clock.advance(5_000);
    server.approve();
    await clock.advance(5_000);
    const step = events.at(-1);
    expect(step).toMatchObject({ kind: 'step', step: { kind: 'signedIn', user: { email: 'ada@example.com' }, expiresAt: clock.now() + 7 * 86_400_000 } });
    expect(secrets.value).toBeNull();
    expect(device.pending()).toBeNull();
    await clock.advance(60_000);
    expect(server.polls.length, 'no poll after the sign-in').toBe(2);
  });

  it.each([
    ['denied on the other device', () => server.deny(), deviceMessages.denied],
    ['expired at the server', () => (server.last.expiresAt = clock.now()), deviceMessages.expired],
  ])('%s: the attempt ends with a sentence and polling stops', async (_name, act, message) => {
    const { device, events } = deviceSignIn();
    await device.start();
    act();
    await clock.advance(5_000);
    expect(events).toEqual([{ kind: 'step', step: { kind: 'ended', message } }]);
    expect(secrets.value).toBeNull();
    await clock.advance(60_000);
    expect(server.polls.length).toBe(1);
  });

  it('stops at expires_in by its own clock, even when the server cannot be asked', async () => {
    server.lifetimeSeconds = 30;
    const { device, events } = deviceSignIn();
    await device.start();
    server.down = true;
    await clock.advance(30_000);
    expect(events.at(-1)).toEqual({ kind: 'step', step: { kind: 'ended', message: deviceMessages.expired } });
    expect(device.pending()).toBeNull();
  });

  it('a network failure says offline and keeps polling with backoff, never sooner than the interval; back online, it says so', async () => {
    const { device, events } = deviceSignIn();
    await device.start();
    server.down = true;
    await clock.advance(5_000);
    expect(events).toMatchObject([{ kind: 'pending', pending: { device: { trouble: 'offline' } } }]);
    const firstFailure = server.polls.length;
    await clock.advance(120_000);
    const whileDown = server.polls.slice(firstFailure - 1);
    expect(gaps(whileDown).every((gap) => gap >= 5_000)).toBe(true);
    expect(whileDown.length, 'backing off: fewer polls than one per interval').toBeLessThan(120_000 / 5_000);
    server.down = false;
    const polls = server.polls.length;
    await clock.advance(60_000);
    expect(server.polls.length).toBeGreaterThan(polls);
    expect(events.at(-1)).toMatchObject({ kind: 'pending', pending: { device: { trouble: null } } });
    expect(device.pending()?.device?.trouble).toBeNull();
  });

  it.each([
    ['an intercepting proxy', faultAnswers.certificateRefused, 'certificate'],
    ["a captive portal's redirect", faultAnswers.redirectCancelled, 'attention'],
  ] as const)('%s is not "offline": the popover says what it is, and polling goes on', async (_fault, answer, trouble) => {
    const { device, events } = deviceSignIn();
    await device.start();
    server.onTheWay = answer;
    await clock.advance(5_000);
    expect(events.at(-1)).toMatchObject({ kind: 'pending', pending: { device: { trouble } } });
    server.onTheWay = null;
    await clock.advance(60_000);
    expect(device.pending()?.device?.trouble).toBeNull();
  });

  it('resumes after a restart with the time left, and a cancel stops it and forgets the saved attempt', async () => {
    const first = deviceSignIn();
    await first.device.start();
    await clock.advance(100_000);
    first.device.stop();
    const second = deviceSignIn();
    const resumed = await second.device.resume();
    expect(resumed?.expiresAt).toBe(clock.now() + 500_000);
    const polls = server.polls.length;
    await clock.advance(5_000);
    expect(server.polls.length).toBe(polls + 1);
    await second.device.cancel();
    expect(secrets.value).toBeNull();
    await clock.advance(60_000);
    expect(server.polls.length).toBe(polls + 1);
  });

  it('a saved attempt past its expiry is discarded at start', async () => {
    const first = deviceSignIn();
    await first.device.start();
    first.device.stop();
    await clock.jump(600_000);
    expect(await deviceSignIn().device.resume()).toBeNull();
    expect(secrets.value).toBeNull();
  });

  it('a server that offers no device sign-in gets a kind sentence, and nothing is saved', async () => {
    server.offersDevice = false;
    const started = await deviceSignIn().device.start();
    expect(started).toEqual({ ok: false, message: deviceMessages.notOffered });
    expect(secrets.writes).toBe(0);
  });

  it('a server that cannot be reached at start says so, rather than that it offers nothing', async () => {
    server.down = true;
    expect(await deviceSignIn().device.start()).toEqual({ ok: false, message: deviceMessages.cannotStart });
  });
});

describe('device sign-in on another server than the configured one', () => {
  const home = 'https://home.example.test';
  /** Only the other server answers: anything sent to the configured one fails. */
  function onOtherServer() {
    const sentHome: string[] = [];
    const http: typeof server.http = async (input, init) => {
      if (new URL(String(input)).origin === home) {
        sentHome.push(String(input));
        throw new TypeError('fetch failed');
      }
      return server.http(input, init);
    };
    const discoveries = new Map<string, ServerDiscovery>();
    const servers = { discovery: (origin: string) => discoveries.get(origin) ?? discoveries.set(origin, new ServerDiscovery({ http, serverOrigin: origin, logger })).get(origin)! };
    const make = () => {
      const device = new DeviceSignIn({ clientId: 'latchkey-desktop', secrets, http, clock, random: systemRandom, logger, discovery: new ServerDiscovery({ http, serverOrigin: home, logger }), servers });
      const events: SignInEvent[] = [];
      device.onEvent((event) => events.push(event));
      return { device, events };
    };
    return { make, sentHome };
  }

  it('asks that server for the code, polls it, and says the session is that server’s, across a restart', async () => {
    const { make, sentHome } = onOtherServer();
    const first = make();
    expect((await first.device.start({ serverOrigin: server.origin })).ok).toBe(true);
    expect(JSON.parse(secrets.value!)).toMatchObject({ serverOrigin: server.origin });
    first.device.stop();
    const restarted = make();
    expect(await restarted.device.resume()).not.toBeNull();
    server.approve();
    await clock.advance(5_000);
    expect(restarted.events.at(-1)).toMatchObject({ kind: 'step', step: { kind: 'signedIn', serverOrigin: server.origin, user: { email: 'ada@example.com' } } });
    expect(sentHome, 'nothing went to the configured server').toEqual([]);
  });
});
