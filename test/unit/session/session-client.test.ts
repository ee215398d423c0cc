import { describe, expect, it } from 'vitest';
import type { Http } from '../../../src/core/ports';
import type { EndpointSource } from '../../../src/core/auth/server-discovery';
import { knownPathEndpoints } from '../../../src/core/auth/server-metadata';
import { faultAnswers } from '../../harness/fault-answers';
import { checkSession, revokeSession } from '../../../src/core/session/session-client';

const origin = 'http://127.0.0.1:4455';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function recording(answer: () => Promise<Response>) {
  const requests: { url: string; init: RequestInit | undefined }[] = [];
  const http: Http = async (input, init) => {
    requests.push({ url: String(input), init });
    return answer();
  };
  return { http, requests };
}

describe('checkSession', () => {
  it('sends the Bearer token to get-session and reads the expiry and profile', async () => {
    const { http, requests } = recording(async () => {
      const answer = json({
        session: { expiresAt: '2026-12-01T00:00:00.000Z', token: 't' },
        user: { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', image: null },
      });
      answer.headers.set('date', 'Mon, 30 Nov 2026 22:00:00 GMT');
      return answer;
    });
    const result = await checkSession(http, origin, 'secret-token');
    expect(result).toEqual({
      kind: 'valid',
      expiresAt: Date.UTC(2026, 11, 1),
      remainingMs: 2 * 3_600_000,
      profile: { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', image: null },
    });
    expect(requests[0]!.url).toBe(`${origin}/api/auth/get-session`);
    expect(new Headers(requests[0]!.init?.headers).get('authorization')).toBe('Bearer secret-token');
  });

  it.each([
    ['a null body', () => json(null), { kind: 'invalid' }],
    ['a 401', () => json({ message: 'Unauthorized' }, 401), { kind: 'invalid' }],
    ['a 503', () => json({}, 503), { kind: 'unreachable', reason: 'server' }],
    ['a body that is not a session', () => json({ hello: 1 }), { kind: 'unreachable', reason: 'server' }],
    ['an HTML error page', () => new Response('<h1>Bad gateway</h1>', { status: 200 }), { kind: 'unreachable', reason: 'server' }],
  ])('classifies %s', async (_name, make, expected) => {
    const { http } = recording(async () => make());
    expect(await checkSession(http, origin, 't')).toEqual(expected);
  });

  it('classifies a refused connection as network and a hung server as timeout', async () => {
    const refused: Http = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await checkSession(refused, origin, 't')).toEqual({ kind: 'unreachable', reason: 'network' });
    const hung: Http = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect(await checkSession(hung, origin, 't', 20)).toEqual({ kind: 'unreachable', reason: 'timeout' });
  });
});

describe('revokeSession', () => {
  it('posts sign-out with the Bearer token and reports, never throws, a failure', async () => {
    const ok = recording(async () => json({ success: true }));
    expect(await revokeSession(ok.http, origin, 'tok')).toBe(true);
    expect(ok.requests[0]!.url).toBe(`${origin}/api/auth/sign-out`);
    expect(ok.requests[0]!.init?.method).toBe('POST');
    const offline: Http = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await revokeSession(offline, origin, 'tok')).toBe(false);
  });
});

describe('revokeSession with RFC 7009 revocation', () => {
  const endpoints = knownPathEndpoints(origin);
  const source = (revocation: string | null): EndpointSource => ({ endpoints: async () => ({ ...endpoints, revocation }), cached: () => null, forget: () => {} });
  const revoke = `${origin}/api/auth/desktop/revoke`;

  it('revokes the token at the endpoint the metadata names, as a public client, and nothing else', async () => {
    const server = recording(async () => new Response(null, { status: 200 }));
    expect(await revokeSession(server.http, source(revoke), 'tok', 'latchkey-desktop')).toBe(true);
    expect(server.requests.map((request) => request.url)).toEqual([revoke]);
    expect(server.requests[0]!.init?.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(String(server.requests[0]!.init?.body)))).toEqual({ token: 'tok', token_type_hint: 'access_token', client_id: 'latchkey-desktop' });
  });

  it('falls back to sign-out when the server names no revocation endpoint, or refuses the request', async () => {
    const plain = recording(async () => json({ success: true }));
    expect(await revokeSession(plain.http, source(null), 'tok', 'latchkey-desktop')).toBe(true);
    expect(plain.requests.map((request) => request.url)).toEqual([endpoints.signOut]);
    const refusing = recording(async () => (refusing.requests.length === 1 ? json({ error: 'invalid_client' }, 401) : json({ success: true })));
    expect(await revokeSession(refusing.http, source(revoke), 'tok', 'latchkey-desktop')).toBe(true);
    expect(refusing.requests.map((request) => request.url)).toEqual([revoke, endpoints.signOut]);
  });

  it('reports a revocation endpoint it cannot reach, without a second try elsewhere', async () => {
    const down = recording(async () => new Response(null, { status: 503 }));
    expect(await revokeSession(down.http, source(revoke), 'tok', 'latchkey-desktop')).toBe(false);
    expect(down.requests).toHaveLength(1);
  });

  it('does not take a portal page for the server revoking, nor wait past its deadline for a stalled body', async () => {
    const portal = recording(async () => faultAnswers.portalPage());
    expect(await revokeSession(portal.http, source(revoke), 'tok', 'latchkey-desktop')).toBe(false);
    expect(portal.requests).toHaveLength(1);
    const stalled = recording(async () => faultAnswers.stallAfterHeaders());
    expect(await revokeSession(stalled.http, source(revoke), 'tok', 'latchkey-desktop', 50)).toBe(false);
    expect(stalled.requests).toHaveLength(1);
  });
});
