import { describe, expect, it } from 'vitest';
import { exchangeCode } from '../../../src/core/auth/code-exchange';
import { ServerDiscovery } from '../../../src/core/auth/server-discovery';
import { knownPathEndpoints } from '../../../src/core/auth/server-metadata';
import { pollDeviceToken, requestDeviceCode } from '../../../src/core/device/device-requests';
import type { Http } from '../../../src/core/ports';
import { checkSession } from '../../../src/core/session/session-client';
import { faultAnswers } from '../../harness/fault-answers';

const origin = 'http://127.0.0.1:4455';
const session = { session: { expiresAt: '2026-12-01T00:00:00.000Z' }, user: { id: 'u1', email: 'ada@example.com', name: 'Ada', image: null } };
const answering = (answer: () => Response | Promise<Response>): Http => async () => answer();
/** Short, real deadlines: these are the request's own, not the app's clock. */
const deadline = 50;

describe('what a session check makes of the faults on the way', () => {
  it.each([
    ['headers, then a body that stalls', faultAnswers.stallAfterHeaders, 'timeout'],
    ['JSON cut off halfway', faultAnswers.truncatedJson, 'server'],
    ["a captive portal's page with 200", faultAnswers.portalPage, 'attention'],
    ["a portal's redirect to its own host", faultAnswers.portalRedirect, 'attention'],
    ['a redirect Electron cancelled', faultAnswers.redirectCancelled, 'attention'],
    ["a web filter's 403 page", faultAnswers.filterBlock, 'attention'],
    ["a proxy's 401 asking for Basic credentials", faultAnswers.proxyBasicAuth, 'attention'],
    ["a proxy's 407", faultAnswers.proxyAuthRequired, 'attention'],
    ["a hotspot's 511", faultAnswers.hotspotLogin, 'attention'],
    ['502 with HTML', faultAnswers.badGatewayHtml(502), 'server'],
    ['503 with HTML', faultAnswers.badGatewayHtml(503), 'server'],
    ['504 with HTML', faultAnswers.badGatewayHtml(504), 'server'],
    ['a session labelled as text', faultAnswers.wrongContentType(session), 'server'],
    ['a body of 2 MiB', faultAnswers.oversized, 'server'],
    ['a refused certificate', faultAnswers.certificateRefused, 'tls'],
  ] as const)('%s: the session is kept', async (_fault, answer, reason) => {
    expect(await checkSession(answering(answer), origin, 'tok', deadline)).toEqual({ kind: 'unreachable', reason });
  });

  it.each([
    ["the server's own 401, in its JSON words", faultAnswers.serversOwn401],
    ["the server's own null", () => Response.json(null)],
  ])('%s ends the session', async (_answer, answer) => {
    expect(await checkSession(answering(answer), origin, 'tok', deadline)).toEqual({ kind: 'invalid' });
  });

  it('reads no more of an oversized body than its cap', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 16_384;
        controller.enqueue(new Uint8Array(16_384).fill(32));
      },
    });
    const http = answering(() => new Response(endless, { headers: { 'content-type': 'application/json' } }));
    expect(await checkSession(http, origin, 'tok', 5_000)).toEqual({ kind: 'unreachable', reason: 'server' });
    expect(pulled).toBeLessThanOrEqual(128 * 1024);
  });
});

describe('every request ends by its deadline, body included', () => {
  it('a code exchange whose body stalls ends as a timeout, so the attempt can take a pasted code', async () => {
    const request = { serverOrigin: origin, clientId: 'latchkey-desktop', code: 'c', verifier: 'v'.repeat(43), redirectUri: 'dev.latchkey.app:/auth/callback' };
    expect(await exchangeCode(answering(faultAnswers.stallAfterHeaders), request, deadline)).toEqual({ kind: 'network', reason: 'timeout' });
  });

  it('device sign-in: a stalled code request and a stalled poll end as timeouts, and polling goes on', async () => {
    const http = answering(faultAnswers.stallAfterHeaders);
    expect(await requestDeviceCode(http, `${origin}/api/auth/device/code`, 'latchkey-desktop', deadline)).toEqual({ kind: 'network', reason: 'timeout' });
    expect(await pollDeviceToken(http, `${origin}/api/auth/device/token`, { clientId: 'latchkey-desktop', deviceCode: 'd' }, deadline)).toEqual({
      kind: 'network',
      reason: 'timeout',
    });
  });

  it('metadata discovery whose body stalls falls back to the known paths', async () => {
    const discovery = new ServerDiscovery({ http: answering(faultAnswers.stallAfterHeaders), serverOrigin: origin, logger: { log() {} }, timeoutMs: deadline });
    expect(await discovery.endpoints()).toEqual(knownPathEndpoints(origin));
  });
});
