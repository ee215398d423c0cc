import { beforeEach, describe, expect, it } from 'vitest';
import { SignInFlow, type SignInFlowDeps } from '../../../src/core/auth/sign-in-flow';
import type { Http, LoopbackServer, LoopbackVerdict } from '../../../src/core/ports';
import { knownPathEndpoints } from '../../../src/core/auth/server-metadata';
import { FakeClock } from '../../harness/fake-clock';
import { FakeAuthServer, MemorySecrets, RecordingBrowser, RecordingLogger, systemRandom } from './fakes';

const scheme = 'dev.latchkey.app';
const lifetimeMs = 600_000;

let clock: FakeClock;
let server: FakeAuthServer;
let secrets: MemorySecrets;
let browser: RecordingBrowser;
let logger: RecordingLogger;

function flow(overrides: Partial<SignInFlowDeps> = {}): SignInFlow {
  return new SignInFlow({
    serverOrigin: server.origin,
    clientId: 'latchkey-desktop',
    scheme,
    lifetimeMs,
    secrets,
    http: server.fetch,
    browser,
    clock,
    random: systemRandom,
    logger,
    ...overrides,
  });
}

beforeEach(() => {
  clock = new FakeClock();
  server = new FakeAuthServer();
  secrets = new MemorySecrets();
  browser = new RecordingBrowser();
  logger = new RecordingLogger();
});

describe('starting a sign-in', () => {
  it('saves the attempt before the browser opens, and opens only the configured server', async () => {
    const order: string[] = [];
    const tracking = new MemorySecrets();
    tracking.writeSecret = async (_name, value) => {
      order.push('saved');
      tracking.value = value;
    };
    const started = await flow({ secrets: tracking, browser: { open: async () => void order.push('opened') } }).start('scheme');
    expect(order).toEqual(['saved', 'opened']);
    expect(started).toEqual({ ok: true, pending: { expiresAt: clock.now() + lifetimeMs, via: 'scheme' } });
  });

  it('asks for S256 with our scheme’s redirect URI', async () => {
    await flow().start('scheme');
    const url = browser.last();
    expect(url.origin).toBe(server.origin);
    expect(url.searchParams.get('redirect_uri')).toBe(`${scheme}:/auth/callback`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')!.length).toBeGreaterThanOrEqual(43);
  });

  it('says so, and keeps nothing, when the attempt cannot be saved', async () => {
    secrets.failWrites = true;
    const started = await flow().start('scheme');
    expect(started).toEqual({ ok: false, message: expect.stringContaining('could not save') });
    expect(browser.opened).toEqual([]);
  });

  it('ends the attempt when the browser cannot be opened', async () => {
    browser.fail = true;
    expect(await flow().start('scheme')).toEqual({ ok: false, message: expect.stringContaining('could not open your browser') });
    expect(secrets.value).toBeNull();
  });

  it('replaces an earlier attempt: the older callback is then ignored', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const first = browser.last();
    await signIn.start('scheme');
    expect(secrets.writes).toBe(2);
    expect(await signIn.receiveCallback(server.approve(first))).toEqual({ kind: 'ignored', reason: 'state does not match' });
    expect(await signIn.receiveCallback(server.approve(browser.last()))).toMatchObject({ kind: 'signedIn' });
  });
});

describe('the callback', () => {
  it('signs in, deletes the attempt, and hands the session back without storing it', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const step = await signIn.receiveCallback(server.approve(browser.last()));
    expect(step).toMatchObject({ kind: 'signedIn', token: expect.stringMatching(/^session-/u), user: { email: 'ada@example.com' } });
    expect(secrets.value).toBeNull();
    expect(signIn.pending()).toBeNull();
    expect(clock.pendingTimers()).toBe(0);
  });

  it('rejects a replay of the same callback', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const callback = server.approve(browser.last());
    expect(await signIn.receiveCallback(callback)).toMatchObject({ kind: 'signedIn' });
    expect(await signIn.receiveCallback(callback)).toEqual({ kind: 'ignored', reason: 'no sign-in pending' });
    expect(server.exchanges).toBe(1);
  });

  it('exchanges a callback delivered twice at once only once', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const callback = server.approve(browser.last());
    const [a, b] = await Promise.all([signIn.receiveCallback(callback), signIn.receiveCallback(callback)]);
    expect([a.kind, b.kind].sort()).toEqual(['ignored', 'signedIn']);
    expect(server.exchanges).toBe(1);
  });

  it('ignores an attacker’s callback carrying a valid code from another attempt (login CSRF)', async () => {
    // The attacker runs a sign-in of their own on their machine and sends the victim its callback.
    const attackerBrowser = new RecordingBrowser();
    await flow({ secrets: new MemorySecrets(), browser: attackerBrowser }).start('scheme');
    const crafted = server.approve(attackerBrowser.last());

    const victim = flow();
    await victim.start('scheme');
    expect(await victim.receiveCallback(crafted)).toEqual({ kind: 'ignored', reason: 'state does not match' });
    expect(server.exchanges).toBe(0);
    expect(victim.pending()).not.toBeNull();
    expect(logger.text()).not.toContain(server.codeOf(crafted));
  });

  it('ignores a callback when no sign-in is pending', async () => {
    expect(await flow().receiveCallback(`${scheme}:/auth/callback?code=abcdefgh&state=${'s'.repeat(43)}`)).toEqual({
      kind: 'ignored',
      reason: 'no sign-in pending',
    });
  });

  it('ignores a malformed callback and logs why, without the code', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const callback = server.approve(browser.last());
    expect(await signIn.receiveCallback(`${callback}&code=again`)).toEqual({ kind: 'ignored', reason: 'malformed callback' });
    expect(logger.text()).toContain('a duplicated code');
    expect(logger.text()).not.toContain(server.codeOf(callback));
    expect(signIn.pending()).not.toBeNull();
  });

  it('ends with "Sign-in cancelled in the browser" on access_denied', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    expect(await signIn.receiveCallback(server.deny(browser.last()))).toEqual({ kind: 'ended', message: 'Sign-in cancelled in the browser.' });
    expect(secrets.value).toBeNull();
  });

  it('ignores an error that does not carry our state', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    expect(await signIn.receiveCallback(`${scheme}:/auth/callback?error=access_denied`)).toMatchObject({ kind: 'ignored' });
    expect(signIn.pending()).not.toBeNull();
  });

  it('ends the attempt when the server rejects the code, since the code is spent', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const url = browser.last();
    const callback = server.approve(url);
    server.grants.get(server.codeOf(callback))!.used = true;
    expect(await signIn.receiveCallback(callback)).toEqual({ kind: 'ended', message: expect.stringContaining('not accepted') });
    expect(secrets.value).toBeNull();
  });

  it('keeps the attempt when the server cannot be reached, so the code can be pasted', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    server.down = true;
    const callback = server.approve(browser.last());
    expect(await signIn.receiveCallback(callback)).toEqual({ kind: 'failed', message: expect.stringContaining('could not be reached') });
    expect(secrets.value).not.toBeNull();
    server.down = false;
    expect(await signIn.submitCode(server.codeOf(callback))).toMatchObject({ kind: 'signedIn' });
  });

  it('keeps the attempt on a 5xx', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    server.failWith = 502;
    expect(await signIn.receiveCallback(server.approve(browser.last()))).toEqual({ kind: 'failed', message: expect.stringContaining('had a problem') });
    expect(signIn.pending()).not.toBeNull();
  });
});

describe('pasting the code', () => {
  it('exchanges the pasted code with the pending verifier and the attempt’s redirect URI', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const code = server.codeOf(server.approve(browser.last()));
    expect(await signIn.submitCode(`  ${code}\n`)).toMatchObject({ kind: 'signedIn' });
    expect(secrets.value).toBeNull();
  });

  it.each([
    ['in groups of four with spaces', (code: string) => code.match(/.{1,4}/gu)!.join(' ')],
    ['with dashes between groups', (code: string) => code.match(/.{1,8}/gu)!.join('-')],
    ['with en dashes and a line break', (code: string) => `${code.slice(0, 20)}\u2013${code.slice(20, 30)}\n${code.slice(30)}`],
  ])('accepts a handoff code %s, and sends the server the code alone', async (_label, group) => {
    const signIn = flow();
    await signIn.start('scheme');
    const code = 'Ab3dEfGh1jKLmn0pQRsTuvWxYz0123456789abcdEFG';
    server.approve(browser.last(), code);
    expect(await signIn.submitCode(group(code))).toMatchObject({ kind: 'signedIn' });
    expect(server.grants.get(code)!.used).toBe(true);
  });

  it('keeps a dash that belongs to another server’s code', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const code = 'abc-DEF_ghi-JKL-mno-PQR-stu-VWX-yz0-123-456';
    server.approve(browser.last(), code);
    expect(await signIn.submitCode(` ${code} `)).toMatchObject({ kind: 'signedIn' });
  });

  it('lets the user try again after a mistyped code', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const code = server.codeOf(server.approve(browser.last()));
    expect(await signIn.submitCode(`${code}x`)).toEqual({ kind: 'failed', message: expect.stringContaining('not accepted') });
    expect(await signIn.submitCode(code)).toMatchObject({ kind: 'signedIn' });
  });

  it.each([
    ['an empty paste', ''],
    ['a sentence', 'I did not get a code'],
    ['markup', '<img src=x>'],
  ])('refuses %s without asking the server', async (_label, pasted) => {
    const signIn = flow();
    await signIn.start('scheme');
    expect(await signIn.submitCode(pasted)).toEqual({ kind: 'failed', message: expect.stringContaining('does not look like') });
    expect(server.exchanges).toBe(0);
  });

  it('accepts the whole "Return to Latchkey" link, with its state checked', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const callback = server.approve(browser.last());
    expect(await signIn.submitCode(callback.replace(/state=[^&]+/u, 'state=forged-state-forged-state'))).toMatchObject({ kind: 'failed' });
    expect(await signIn.submitCode(callback)).toMatchObject({ kind: 'signedIn' });
  });

  it('says no sign-in is in progress when none is', async () => {
    expect(await flow().submitCode('abcdefghijkl')).toEqual({ kind: 'failed', message: 'No sign-in is in progress.' });
  });
});

describe('restart, cancel and timeout', () => {
  it('resumes an unexpired attempt after a restart and completes it', async () => {
    await flow().start('scheme');
    const callback = server.approve(browser.last());
    await clock.advance(60_000);
    const restarted = flow();
    expect(await restarted.resume()).toEqual({ expiresAt: clock.now() - 60_000 + lifetimeMs, via: 'scheme' });
    expect(await restarted.receiveCallback(callback)).toMatchObject({ kind: 'signedIn' });
  });

  it('discards an expired saved attempt at start', async () => {
    await flow().start('scheme');
    await clock.jump(lifetimeMs + 1);
    expect(await flow().resume()).toBeNull();
    expect(secrets.value).toBeNull();
  });

  it.each([
    ['damaged', () => (secrets.value = '{"version":1')],
    ['tampered with', () => (secrets.value = secrets.value!.replace('"scheme"', '"email"'))],
  ])('discards a saved attempt that is %s', async (_label, damage) => {
    await flow().start('scheme');
    damage();
    expect(await flow().resume()).toBeNull();
    expect(secrets.value).toBeNull();
  });

  it('keeps a saved attempt while the keyring is locked', async () => {
    await flow().start('scheme');
    secrets.read = 'locked';
    expect(await flow().resume()).toBeNull();
    secrets.read = 'normal';
    expect(await flow().resume()).not.toBeNull();
  });

  it('cancel deletes the attempt and later callbacks are ignored', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const callback = server.approve(browser.last());
    await signIn.cancel();
    expect(secrets.value).toBeNull();
    expect(await signIn.receiveCallback(callback)).toEqual({ kind: 'ignored', reason: 'no sign-in pending' });
  });

  it('drops a session that arrives after the user cancelled', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const signIn = flow({ http: async (url, init) => (await gate, server.fetch(url, init)) });
    await signIn.start('scheme');
    const pendingStep = signIn.receiveCallback(server.approve(browser.last()));
    await signIn.cancel();
    release();
    expect(await pendingStep).toEqual({ kind: 'ignored', reason: 'the attempt ended during the exchange' });
  });

  it('times out after the configured lifetime, once, and deletes the attempt', async () => {
    const signIn = flow();
    let timeouts = 0;
    signIn.onTimeout(() => (timeouts += 1));
    await signIn.start('scheme');
    const callback = server.approve(browser.last());
    await clock.advance(lifetimeMs - 1);
    expect(timeouts).toBe(0);
    await clock.advance(1);
    expect(timeouts).toBe(1);
    expect(secrets.value).toBeNull();
    expect(await signIn.receiveCallback(callback)).toMatchObject({ kind: 'ignored' });
    await clock.advance(lifetimeMs);
    expect(timeouts).toBe(1);
  });

  it('a resumed attempt times out at its original deadline', async () => {
    await flow().start('scheme');
    await clock.advance(500_000);
    const restarted = flow();
    let timedOut = false;
    restarted.onTimeout(() => (timedOut = true));
    await restarted.resume();
    await clock.advance(99_999);
    expect(timedOut).toBe(false);
    await clock.advance(1);
    expect(timedOut).toBe(true);
  });

  it('a callback arriving after a sleep past the deadline ends the attempt as timed out', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const callback = server.approve(browser.last());
    await clock.jump(lifetimeMs);
    expect(await signIn.receiveCallback(callback)).toEqual({ kind: 'ended', message: 'Sign-in timed out.' });
    expect(server.exchanges).toBe(0);
  });
});

describe('loopback', () => {
  function fakeLoopback(port = 50_123) {
    const state = { open: 0, closed: 0, port, deliver: (_url: string): LoopbackVerdict => 'refused', fail: false };
    const loopback: LoopbackServer = {
      async listen(options) {
        if (state.fail) throw new Error('EADDRINUSE');
        state.open += 1;
        state.deliver = options.onCallback;
        return { port: options.port || state.port, close: () => void (state.closed += 1) };
      },
    };
    return { loopback, state };
  }

  it('redirects to the listener’s own port and closes it after the sign-in', async () => {
    const { loopback, state } = fakeLoopback();
    const signIn = flow({ loopback });
    const delivered: string[] = [];
    signIn.onLoopbackCallback((url) => delivered.push(url));
    await signIn.start('loopback');
    expect(browser.last().searchParams.get('redirect_uri')).toBe('http://127.0.0.1:50123/auth/callback');
    state.deliver(server.approve(browser.last()));
    expect(await signIn.receiveCallback(delivered[0]!)).toMatchObject({ kind: 'signedIn' });
    expect(state.closed).toBe(1);
  });

  it('refuses a stray request without closing, and accepts the real redirect after it', async () => {
    const { loopback, state } = fakeLoopback();
    const signIn = flow({ loopback });
    const delivered: string[] = [];
    signIn.onLoopbackCallback((url) => delivered.push(url));
    await signIn.start('loopback');
    const real = server.approve(browser.last());
    const base = 'http://127.0.0.1:50123/auth/callback';
    for (const stray of [`${base}?code=abc`, `${base}?code=abc&state=guess`, `${real}&state=again`, real.replace('/auth/callback', '/auth/callback2')]) {
      expect(state.deliver(stray), stray).toBe('refused');
    }
    expect(logger.text()).toContain('A stray request to the loopback listener was refused');
    expect(delivered).toEqual([]);
    expect(state.closed).toBe(0);
    expect(state.deliver(real)).toBe('accepted');
    expect(await signIn.receiveCallback(delivered[0]!)).toMatchObject({ kind: 'signedIn' });
  });

  it('refuses a custom-scheme callback for a loopback attempt', async () => {
    const { loopback } = fakeLoopback();
    const signIn = flow({ loopback });
    await signIn.start('loopback');
    const loop = server.approve(browser.last());
    expect(await signIn.receiveCallback(loop.replace('http://127.0.0.1:50123', `${scheme}:`))).toEqual({
      kind: 'ignored',
      reason: 'callback for another redirect',
    });
  });

  it('says so when the listener cannot start', async () => {
    const { loopback, state } = fakeLoopback();
    state.fail = true;
    expect(await flow({ loopback }).start('loopback')).toEqual({ ok: false, message: expect.stringContaining('could not listen') });
    expect(await flow().start('loopback')).toEqual({ ok: false, message: expect.stringContaining('could not listen') });
  });

  it('a switch to loopback whose port cannot be bound keeps the attempt under way, which still signs in', async () => {
    const { loopback, state } = fakeLoopback();
    const signIn = flow({ loopback });
    await signIn.start('scheme');
    const callback = server.approve(browser.last());
    state.fail = true;
    expect(await signIn.start('loopback')).toMatchObject({ ok: false });
    expect(signIn.pending()).toMatchObject({ via: 'scheme' });
    expect(await signIn.receiveCallback(callback)).toMatchObject({ kind: 'signedIn' });
  });

  it('listens again on the same port after a restart', async () => {
    const { loopback, state } = fakeLoopback();
    await flow({ loopback }).start('loopback');
    const callback = server.approve(browser.last());
    const restarted = flow({ loopback });
    expect(await restarted.resume()).toMatchObject({ via: 'loopback' });
    expect(state.open).toBe(2);
    expect(await restarted.receiveCallback(callback)).toMatchObject({ kind: 'signedIn' });
  });

  it('closes the listener on timeout', async () => {
    const { loopback, state } = fakeLoopback();
    await flow({ loopback }).start('loopback');
    await clock.advance(lifetimeMs);
    expect(state.closed).toBe(1);
  });
});

describe('what is logged', () => {
  it('never contains a code, a verifier or a token', async () => {
    const signIn = flow();
    await signIn.start('scheme');
    const { verifier, state } = JSON.parse(secrets.value!) as { verifier: string; state: string };
    const callback = server.approve(browser.last());
    await signIn.receiveCallback(`${callback}&code=duplicate`);
    const step = await signIn.receiveCallback(callback);
    expect(step.kind).toBe('signedIn');
    const logged = logger.text();
    for (const secret of [server.codeOf(callback), verifier, state, step.kind === 'signedIn' ? step.token : '?']) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe('a new attempt while an old exchange is still running', () => {
  it('takes its own callback at once, and the old exchange’s result is dropped', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const signIn = flow({ http: async (url, init) => (calls++ === 0 && (await gate), server.fetch(url, init)) });
    await signIn.start('scheme');
    const slow = signIn.receiveCallback(server.approve(browser.last()));
    await signIn.start('scheme');
    expect(await signIn.receiveCallback(server.approve(browser.last()))).toMatchObject({ kind: 'signedIn' });
    release();
    expect(await slow).toEqual({ kind: 'ignored', reason: 'the attempt ended during the exchange' });
  });
});

describe('a keyring that was locked at start', () => {
  it('finds the saved attempt when the callback arrives after the keyring opened', async () => {
    await flow().start('scheme');
    const callback = server.approve(browser.last());
    secrets.read = 'locked';
    const restarted = flow();
    expect(await restarted.resume()).toBeNull();
    secrets.read = 'normal';
    expect(await restarted.receiveCallback(callback)).toMatchObject({ kind: 'signedIn' });
  });
});

describe('a sign-in on another server than the configured one', () => {
  const otherOrigin = 'https://auth.other.test';
  /** A server that promised `iss` (RFC 9207): a callback must name it. */
  const promisingIss = (origin: string) => {
    const endpoints = { ...knownPathEndpoints(origin), issRequired: true };
    return { endpoints: async () => endpoints, cached: () => endpoints, forget: () => undefined };
  };
  let other: FakeAuthServer;
  const both: Http = (input, init) => (new URL(String(input)).origin === otherOrigin ? other.fetch(input, init) : server.fetch(input, init));
  const withIss = (callback: string, issuer: string) => `${callback}&iss=${encodeURIComponent(issuer)}`;
  const twoServers = () => flow({ http: both, discovery: promisingIss(server.origin), servers: { discovery: promisingIss } });

  beforeEach(() => {
    other = new FakeAuthServer(otherOrigin);
  });

  it('opens that server’s page, asking for the person renewed, and keeps the server with the saved attempt', async () => {
    await twoServers().start('scheme', { serverOrigin: otherOrigin, loginHint: 'ada@example.com' });
    expect(browser.last().origin).toBe(otherOrigin);
    expect(browser.last().searchParams.get('login_hint')).toBe('ada@example.com');
    expect(JSON.parse(secrets.value!)).toMatchObject({ serverOrigin: otherOrigin });
  });

  it('exchanges that server’s code at that server only, and says whose session it is', async () => {
    const signIn = twoServers();
    await signIn.start('scheme', { serverOrigin: otherOrigin });
    const step = await signIn.receiveCallback(withIss(other.approve(browser.last()), otherOrigin));
    expect(step).toMatchObject({ kind: 'signedIn', serverOrigin: otherOrigin });
    expect([server.exchanges, other.exchanges]).toEqual([0, 1]);
  });

  it('refuses a callback naming the configured server for an attempt started with the other, and asks no token endpoint', async () => {
    const signIn = twoServers();
    await signIn.start('scheme', { serverOrigin: otherOrigin });
    const forwarded = new URL(browser.last().pathname + browser.last().search, server.origin);
    const mixedUp = withIss(server.approve(forwarded), server.origin);
    expect(await signIn.receiveCallback(mixedUp)).toEqual({ kind: 'ignored', reason: 'malformed callback' });
    expect(logger.lines.at(-1)).toMatchObject({ message: 'A sign-in callback was ignored', fields: { reason: 'an iss naming another server' } });
    expect([server.exchanges, other.exchanges]).toEqual([0, 0]);
    expect(signIn.pending(), 'the genuine callback can still come').not.toBeNull();
  });

  it('resumes after a restart still bound to the other server', async () => {
    await twoServers().start('scheme', { serverOrigin: otherOrigin });
    const authorize = browser.last();
    const restarted = twoServers();
    expect(await restarted.resume()).not.toBeNull();
    expect(await restarted.receiveCallback(withIss(server.approve(authorize), server.origin))).toMatchObject({ kind: 'ignored' });
    expect(await restarted.receiveCallback(withIss(other.approve(authorize), otherOrigin))).toMatchObject({ kind: 'signedIn', serverOrigin: otherOrigin });
  });

  it('binds an attempt saved without a server (before several servers) to the configured one', async () => {
    await twoServers().start('scheme');
    expect(JSON.parse(secrets.value!)).not.toHaveProperty('serverOrigin');
    const step = await twoServers().receiveCallback(withIss(server.approve(browser.last()), server.origin));
    expect(step).toMatchObject({ kind: 'signedIn' });
    expect(step).not.toHaveProperty('serverOrigin');
  });
});
