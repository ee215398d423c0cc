import { beforeEach, describe, expect, it } from 'vitest';
import { Account } from '../../../src/core/account/account';
import { toAccountView } from '../../../src/core/account/view';
import { resolveConfig } from '../../../src/core/config';
import { createAuthenticatedFetch } from '../../../src/core/session/authenticated-fetch';
import { FakeClock } from '../../harness/fake-clock';
import { faultAnswers } from '../../harness/fault-answers';
import { quietViewContext } from '../../harness/view-context';
import { memoryAccountDeps, MemoryVault, RecordingNotifier, ScriptedSignIn, SessionServer } from './fakes';

/**
 * The account under a wrong clock and a hostile network. The server keeps its own clock (its
 * answers carry `Date`, as BetterAuth's do); the machine's clock is off, jumps, and sleeps.
 */
const minute = 60_000;
const hour = 60 * minute;
const ada = { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', image: null };

function setup(skewMs: number) {
  const clock = new FakeClock();
  const vault = new MemoryVault();
  const server = new SessionServer();
  const notifier = new RecordingNotifier();
  // The server's clock runs in step with the machine's, `skewMs` behind it.
  const serverClock = { offset: -skewMs };
  server.clock = () => clock.monotonic() + start + serverClock.offset;
  const start = clock.now();
  const account = new Account(
    memoryAccountDeps({ clock, vault, server, notifier, signIn: new ScriptedSignIn(clock), config: { expiryNoticeThresholds: [hour], requestTimeoutMs: 500 } }),
  );
  /** Signed in earlier; the server says the session has `left` to run, by its own clock. */
  const returning = (left: number) => {
    vault.token = 'tok-1';
    vault.cached = { profile: ada, expiresAt: clock.now() + left, lastConfirmedAt: clock.now() - hour };
    server.sessions.set('tok-1', { expiresAt: server.clock!() + left, user: ada });
  };
  /** The machine sleeps for `ms`: its wall clock moves, its monotonic clock and timers do not. */
  const sleep = async (ms: number) => {
    serverClock.offset += ms;
    await clock.jump(ms);
    await account.systemResumed();
  };
  const view = () => toAccountView(account.state, quietViewContext(), { now: clock.now(), otherNotice: null });
  return { clock, vault, server, notifier, account, returning, sleep, view };
}

let t: ReturnType<typeof setup>;

describe('a clock three hours ahead of the server', () => {
  beforeEach(() => {
    t = setup(3 * hour);
  });

  it('keeps a session the server says has two hours left, and warns and expires on its time', async () => {
    t.returning(2 * hour);
    await t.account.start();
    expect(t.account.state.kind, 'the server just confirmed it').toBe('signedIn');
    expect(t.vault.token).toBe('tok-1');
    expect(t.notifier.titles()).toEqual([]);
    await t.clock.advance(hour - minute);
    expect(t.notifier.titles(), 'no notice before an hour is left by the server').toEqual([]);
    await t.clock.advance(2 * minute);
    expect(t.account.state.kind).toBe('expiringSoon');
    await t.clock.advance(hour);
    expect(t.account.state.kind).toBe('expired');
    expect(t.vault.token).toBeNull();
    expect(t.notifier.titles()).toEqual(['Your Latchkey session is ending soon', 'Your Latchkey session has ended']);
  });
});

describe('a start with the clock ahead and the server out of reach', () => {
  beforeEach(() => {
    t = setup(3 * hour);
  });

  it('keeps a saved session that only the wall clock says has ended, and lets the server decide', async () => {
    // Saved by the last run with two hours left; the clock has since been set three hours ahead.
    t.returning(2 * hour);
    t.vault.cached = { ...t.vault.cached!, expiresAt: t.clock.now() - hour };
    t.server.down = true;
    await t.account.start();
    expect(t.account.state.kind, 'only an estimate says it ended').toBe('offline');
    expect(t.vault.token).toBe('tok-1');
    expect(t.notifier.titles()).toEqual([]);
    t.server.down = false;
    await t.account.retry();
    expect(t.account.state.kind, 'the server still holds it').toBe('signedIn');
    expect(t.vault.token).toBe('tok-1');
  });

  it('expires it when the server, once reachable, no longer knows it', async () => {
    t.returning(2 * hour);
    t.vault.cached = { ...t.vault.cached!, expiresAt: t.clock.now() - hour };
    t.server.sessions.clear();
    t.server.down = true;
    await t.account.start();
    expect(t.account.state.kind).toBe('offline');
    t.server.down = false;
    await t.account.retry();
    expect(t.account.state.kind).toBe('expired');
    expect(t.vault.token).toBeNull();
  });
});

describe('a clock that jumps while the app runs', () => {
  beforeEach(() => {
    t = setup(0);
  });

  it('set five hours forward while offline: the session and its token stay', async () => {
    t.returning(2 * hour);
    await t.account.start();
    t.server.down = true;
    await t.clock.jump(5 * hour);
    await t.clock.advance(resolveConfig().revalidateIntervalMs);
    expect(t.account.state.kind).toBe('offline');
    expect(t.vault.token).toBe('tok-1');
    expect(t.notifier.titles()).toEqual([]);
  });

  it('set five hours back: the session still ends on time, with one notice each', async () => {
    t.returning(2 * hour);
    await t.account.start();
    await t.clock.jump(-5 * hour);
    t.server.down = true;
    await t.clock.advance(2 * hour + minute);
    expect(t.account.state.kind).toBe('expired');
    expect(t.notifier.titles()).toEqual(['Your Latchkey session is ending soon', 'Your Latchkey session has ended']);
  });

  it('set back by hours: opening the popover still asks the server after the usual pause', async () => {
    t.returning(7 * 24 * hour);
    await t.account.start();
    await t.clock.jump(-5 * hour);
    const checks = t.server.checks;
    await t.clock.advance(31_000);
    await t.account.popoverOpened();
    expect(t.server.checks).toBe(checks + 1);
  });
});

describe('sleeping across an expiry', () => {
  beforeEach(() => {
    t = setup(0);
  });

  it('wakes to the server saying it ended: expired, announced once', async () => {
    t.returning(2 * hour);
    await t.account.start();
    await t.sleep(3 * hour);
    expect(t.account.state.kind).toBe('expired');
    await t.account.systemResumed();
    expect(t.notifier.titles().filter((title) => title.endsWith('has ended'))).toHaveLength(1);
  });

  it('wakes to the server saying it was extended: the token is not deleted on the local clock alone', async () => {
    t.returning(2 * hour);
    await t.account.start();
    t.server.sessions.set('tok-1', { expiresAt: t.server.clock!() + 7 * 24 * hour, user: ada });
    await t.sleep(3 * hour);
    expect(t.account.state.kind).toBe('signedIn');
    expect(t.vault.token).toBe('tok-1');
    expect(t.notifier.titles()).toEqual([]);
  });
});

describe('faults on the way to the server', () => {
  beforeEach(() => {
    t = setup(0);
  });

  it('a body that stalls ends as a timeout, and the next check is a new request', async () => {
    t.returning(7 * 24 * hour);
    await t.account.start();
    t.server.onTheWay = faultAnswers.stallAfterHeaders;
    const app = createAuthenticatedFetch({ http: async () => new Response(null, { status: 401 }), token: () => t.account.token, revalidate: t.account.revalidate });
    const [answer] = await Promise.all([app('http://127.0.0.1:4455/api/things'), t.account.retry()]);
    expect(answer.status, "an app feature's 401 waits only as long as the deadline").toBe(401);
    expect(t.account.state).toMatchObject({ kind: 'offline', trouble: 'timeout' });
    t.server.onTheWay = null;
    const checks = t.server.checks;
    await t.account.retry();
    expect(t.server.checks).toBe(checks + 1);
    expect(t.account.state.kind).toBe('signedIn');
  });

  it.each([
    ["a web filter's 403 page", faultAnswers.filterBlock, 'attention', /network needs attention/u],
    ["a proxy's 401 for Basic credentials", faultAnswers.proxyBasicAuth, 'attention', /network needs attention/u],
    ['a captive portal', faultAnswers.portalPage, 'attention', /Wi-Fi sign-in page/u],
    ['an intercepting proxy', faultAnswers.certificateRefused, 'tls', /certificate is not trusted/u],
    ['a 503 page', faultAnswers.badGatewayHtml(503), 'server', /server is having trouble/u],
  ] as const)('%s keeps the token and says what is wrong', async (_fault, answer, trouble, sentence) => {
    t.returning(7 * 24 * hour);
    await t.account.start();
    t.server.onTheWay = answer;
    await t.account.retry();
    expect(t.account.state).toMatchObject({ kind: 'offline', trouble });
    expect(t.vault.token).toBe('tok-1');
    expect(t.view().notice?.text).toMatch(sentence);
    expect(t.view().notice?.text).not.toMatch(/offline|sign in again/iu);
  });

  it('server trouble is retried with growing pauses', async () => {
    t.returning(7 * 24 * hour);
    await t.account.start();
    t.server.onTheWay = faultAnswers.badGatewayHtml(502);
    const seen: number[] = [];
    await t.account.retry();
    const started = t.clock.now();
    let checks = t.server.checks;
    for (let step = 0; step < 12; step += 1) {
      await t.clock.advance(5_000);
      if (t.server.checks > checks) seen.push(t.clock.now() - started);
      checks = t.server.checks;
    }
    const gaps = seen.map((at, i) => at - (seen[i - 1] ?? 0));
    expect(gaps.length).toBeGreaterThanOrEqual(2);
    expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
  });
});
