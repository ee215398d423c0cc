import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { schemeRedirect } from '../harness/auth-server';
import { sharedSecret, startServerProcess, type ServerProcess } from '../harness/server-process';

/** The built server as an operator runs it: its own process, configured from the environment. */
describe('the reference server as a process', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ BETTER_AUTH_SECRET: sharedSecret(), LOG_FORMAT: 'json' });
  });
  afterAll(async () => server?.dispose());

  it('says what it is and that it is ready at /', async () => {
    const response = await fetch(`${server.address}/`);
    const page = await response.text();
    expect(response.status).toBe(200);
    expect(page).toContain('Latchkey auth server');
    expect(page).toContain('Ready: signing in works.');
    expect(page).toContain('/.well-known/oauth-authorization-server');
    expect(page).toContain('<a class="button primary" href="/account">Your account</a>');
    expect((await fetch(`${server.address}/account`, { redirect: 'manual' })).status).not.toBe(404);
  });

  it('tells liveness from readiness', async () => {
    const live = await fetch(`${server.address}/healthz/live`);
    const ready = await fetch(`${server.address}/healthz/ready`);
    expect([live.status, await live.text()]).toEqual([200, 'live']);
    expect([ready.status, await ready.text()]).toEqual([200, 'ok']);
  });

  it('logs one JSON line per request with the path but never the query', async () => {
    const state = 'state-that-must-not-be-logged-0123456789';
    const query = new URLSearchParams({ response_type: 'code', client_id: handoff.defaultClientId, redirect_uri: schemeRedirect, state, code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' });
    const response = await fetch(`${server.address}${handoff.authorizePath}?${query}`, { headers: { 'x-request-id': 'req-from-the-proxy-1' } });
    expect(response.headers.get('x-request-id')).toBe('req-from-the-proxy-1');
    const line = await server.line(/req-from-the-proxy-1/u);
    expect(JSON.parse(line)).toMatchObject({ msg: 'request', method: 'GET', path: handoff.authorizePath, status: 200, requestId: 'req-from-the-proxy-1', durationMs: expect.any(Number) });
    expect(server.lines.join('\n')).not.toContain(state);
  });

  it('finishes a request in flight on SIGTERM, refuses new ones, then exits 0', async () => {
    const body = JSON.stringify({ grant_type: 'authorization_code', code: 'A'.repeat(43), code_verifier: 'v'.repeat(43), redirect_uri: schemeRedirect, client_id: handoff.defaultClientId });
    const url = new URL(`${server.address}${handoff.tokenPath}`);
    const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
      // Expect: 100-continue makes the server say it has the request before the body is sent.
      const sent = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), expect: '100-continue' } });
      sent.on('continue', () => {
        server.child.kill('SIGTERM');
        void server.line(/^SIGTERM: finishing requests in flight/u).then(async () => {
          await expect(fetch(`${server.address}/healthz/live`)).rejects.toThrow();
          sent.end(body);
        }, reject);
      });
      sent.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      sent.on('error', reject);
    });
    const { status, text } = await answer;
    expect(status).toBe(400);
    expect(JSON.parse(text)).toEqual({ error: 'invalid_grant' });
    expect(await server.exited).toBe(0);
  });
});

describe('the reference server’s start-up', () => {
  it('stops with a sentence naming a bad setting', async () => {
    await expect(startServerProcess({ BETTER_AUTH_URL: 'http://auth.example.com' })).rejects.toThrow(
      /The auth server could not start: BETTER_AUTH_URL must use https unless it is on this machine/u,
    );
  });
});
