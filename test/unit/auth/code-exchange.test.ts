import { describe, expect, it } from 'vitest';
import { exchangeCode } from '../../../src/core/auth/code-exchange';
import type { Http } from '../../../src/core/ports';

const request = {
  serverOrigin: 'https://auth.example.com',
  clientId: 'latchkey-desktop',
  code: 'the-code',
  verifier: 'v'.repeat(43),
  redirectUri: 'dev.latchkey.app:/auth/callback',
};

const user = { id: 'u1', email: 'ada@example.com', name: 'Ada', image: null };
const good = { access_token: 'tok', token_type: 'Bearer', expires_at: '2026-12-01T00:00:00.000Z', user };
const answering = (response: () => Response): Http => async () => response();

describe('the code exchange', () => {
  it('POSTs the protocol fields as JSON to the token endpoint', async () => {
    let seen: { url: string; init: RequestInit | undefined } | null = null;
    const http: Http = async (url, init) => {
      seen = { url: String(url), init };
      return Response.json(good);
    };
    await exchangeCode(http, request);
    expect(seen!.url).toBe('https://auth.example.com/api/auth/desktop/token');
    expect(seen!.init?.method).toBe('POST');
    expect(seen!.init?.redirect, 'the code and verifier must not follow a redirect').toBe('manual');
    expect(JSON.parse(String(seen!.init?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      code_verifier: request.verifier,
      redirect_uri: request.redirectUri,
      client_id: 'latchkey-desktop',
    });
  });

  it.each([
    ['a 200 with a session', () => Response.json(good), { kind: 'token', token: 'tok', expiresAt: Date.UTC(2026, 11, 1), user }],
    ['an empty name, shown as the email', () => Response.json({ ...good, user: { ...user, name: '' } }), { kind: 'token', user: { name: 'ada@example.com' } }],
    ['400 invalid_grant', () => Response.json({ error: 'invalid_grant' }, { status: 400 }), { kind: 'rejected' }],
    ['400 invalid_request', () => Response.json({ error: 'invalid_request' }, { status: 400 }), { kind: 'refused', error: 'invalid_request' }],
    ['401 invalid_client', () => Response.json({ error: 'invalid_client' }, { status: 401 }), { kind: 'refused', error: 'invalid_client' }],
    ['429 without a body', () => new Response('slow down', { status: 429 }), { kind: 'refused', error: 'http_429' }],
    ['500', () => new Response('boom', { status: 500 }), { kind: 'server', reason: 'status' }],
    ['503 with JSON', () => Response.json({ error: 'server_error' }, { status: 503 }), { kind: 'server', reason: 'status' }],
    ['200 with HTML', () => new Response('<html>', { status: 200 }), { kind: 'server', reason: 'malformed' }],
    ['200 without a token', () => Response.json({ ...good, access_token: '' }), { kind: 'server', reason: 'malformed' }],
    ['200 with a bad date', () => Response.json({ ...good, expires_at: 'tomorrow' }), { kind: 'server', reason: 'malformed' }],
    ['200 with another token type', () => Response.json({ ...good, token_type: 'MAC' }), { kind: 'server', reason: 'malformed' }],
    ['a redirect answer', () => new Response(null, { status: 302, headers: { location: 'https://evil' } }), { kind: 'server', reason: 'malformed' }],
  ])('classifies %s', async (_label, response, expected) => {
    expect(await exchangeCode(answering(response), request)).toMatchObject(expected);
  });

  it('classifies a refused connection as network', async () => {
    const http: Http = async () => {
      throw new TypeError('fetch failed');
    };
    expect(await exchangeCode(http, request)).toEqual({ kind: 'network', reason: 'network' });
  });

  it('gives up on a server that never answers, as a timeout', async () => {
    const http: Http = (_url, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    expect(await exchangeCode(http, request, 1)).toEqual({ kind: 'network', reason: 'timeout' });
  });
});
