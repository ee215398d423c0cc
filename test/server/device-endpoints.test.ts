import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { userCodeAlphabet } from '@latchkey/desktop-handoff';
import { handoff } from '../../src/contract/handoff';
import { startAuthServer, testBackends, type TestAuthServer } from '../harness/auth-server';
import { pollDeviceToken, requestDeviceCode } from './device-flow';

/** Holds BetterAuth's clock (it reads Date.now in this process) still, or moves it, without waiting. */
function freezeClock(): { advance(seconds: number): void } {
  vi.useFakeTimers({ toFake: ['Date'] });
  return { advance: (seconds) => vi.setSystemTime(Date.now() + seconds * 1000) };
}

describe.each(testBackends)('device sign-in endpoints on %s', (backend) => {
  let server: TestAuthServer;
  beforeAll(async () => {
    server = await startAuthServer({ backend });
  });
  afterAll(async () => server?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('issues a code for the desktop client: 10 minutes, 5-second polling, a user code without look-alikes', async () => {
    const { status, body, headers } = await requestDeviceCode(server);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.user_code).toMatch(new RegExp(`^[${userCodeAlphabet}]{8}$`, 'u'));
    expect(body.user_code).not.toMatch(/[0O1IL]/u);
    expect(body).toMatchObject({ verification_uri: `${server.url}/device`, expires_in: 600, interval: 5 });
    expect(new URL(body.verification_uri_complete).searchParams.get('user_code')).toBe(body.user_code);
  });

  it('refuses a client that is not a registered desktop app, at both endpoints', async () => {
    const code = await requestDeviceCode(server, 'someone-else');
    // RFC 6749 §5.2, which RFC 8628 §3.2 and §3.5 defer to: an unknown client is 401 invalid_client.
    expect([code.status, code.body.error]).toEqual([401, 'invalid_client']);
    const issued = await requestDeviceCode(server);
    const poll = await pollDeviceToken(server, issued.body.device_code, 'someone-else');
    expect([poll.status, poll.body.error]).toEqual([401, 'invalid_client']);
  });

  it('takes the poll as JSON only: a form-encoded poll is refused 415 (BetterAuth keeps its default media type)', async () => {
    const { body } = await requestDeviceCode(server);
    const form = await pollDeviceToken(server, body.device_code, handoff.defaultClientId, 'form');
    expect([form.status, form.body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('answers authorization_pending, then slow_down to a poll inside the interval, then pending again after it', async () => {
    const clock = freezeClock();
    const { body } = await requestDeviceCode(server);
    const first = await pollDeviceToken(server, body.device_code);
    expect([first.status, first.body.error]).toEqual([400, 'authorization_pending']);
    const tooSoon = await pollDeviceToken(server, body.device_code);
    expect([tooSoon.status, tooSoon.body.error]).toEqual([400, 'slow_down']);
    clock.advance(body.interval);
    const later = await pollDeviceToken(server, body.device_code);
    expect([later.status, later.body.error]).toEqual([400, 'authorization_pending']);
  });

  it('answers expired_token once the code has lived its 10 minutes, and forgets the code after', async () => {
    const clock = freezeClock();
    const { body } = await requestDeviceCode(server);
    clock.advance(body.expires_in + 1);
    const expired = await pollDeviceToken(server, body.device_code);
    expect([expired.status, expired.body.error]).toEqual([400, 'expired_token']);
    clock.advance(body.interval);
    const gone = await pollDeviceToken(server, body.device_code);
    expect([gone.status, gone.body.error]).toEqual([400, 'invalid_grant']);
  });

  it('advertises device sign-in in its RFC 8414 metadata', async () => {
    const metadata = (await (await fetch(`${server.url}${handoff.metadataPath}`)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      device_authorization_endpoint: `${server.url}${handoff.deviceCodePath}`,
      desktop_device_token_endpoint: `${server.url}${handoff.deviceTokenPath}`,
      desktop_device_verification_uri: `${server.url}/device`,
      grant_types_supported: ['authorization_code', handoff.deviceCodeGrantType],
    });
  });
});

describe.each(testBackends)('device sign-in settings of the reference server on %s', (backend) => {
  let quick: TestAuthServer;
  let tight: TestAuthServer;
  beforeAll(async () => {
    [quick, tight] = await Promise.all([
      startAuthServer({ backend, device: { codeLifetimeSeconds: 3, intervalSeconds: 1 } }),
      startAuthServer({ backend, device: { rateLimit: { code: { window: 60, max: 2 }, token: { window: 60, max: 2 } } } }),
    ]);
  });
  afterAll(async () => Promise.all([quick?.close(), tight?.close()]));

  it('takes a shorter code lifetime and interval (for journeys)', async () => {
    const { body } = await requestDeviceCode(quick);
    expect([body.expires_in, body.interval]).toEqual([3, 1]);
  });

  it('rate-limits asking for codes and polling, per address', async () => {
    const codes = [];
    for (let i = 0; i < 3; i += 1) codes.push(await requestDeviceCode(tight));
    expect(codes.map((answer) => answer.status)).toEqual([200, 200, 429]);
    const polls = [];
    for (let i = 0; i < 3; i += 1) polls.push((await pollDeviceToken(tight, 'x'.repeat(40))).status);
    expect(polls).toEqual([400, 400, 429]);
  });
});
