import { describe, expect, it } from 'vitest';
import type { Http } from '../../../src/core/ports';
import { NotSignedInError, createAuthenticatedFetch } from '../../../src/core/session/authenticated-fetch';

describe('authenticatedFetch', () => {
  it('attaches the Bearer token and keeps the caller’s headers', async () => {
    const seen: Headers[] = [];
    const http: Http = async (_input, init) => {
      seen.push(new Headers(init?.headers));
      return new Response('ok');
    };
    const fetch = createAuthenticatedFetch({ http, token: () => 'tok', revalidate: async () => true });
    const response = await fetch('https://api.example.com/me', { headers: { accept: 'text/plain' } });
    expect(await response.text()).toBe('ok');
    expect(seen[0]!.get('authorization')).toBe('Bearer tok');
    expect(seen[0]!.get('accept')).toBe('text/plain');
  });

  it('refuses to send anything while signed out', async () => {
    const fetch = createAuthenticatedFetch({ http: async () => new Response(), token: () => null, revalidate: async () => true });
    await expect(fetch('https://api.example.com/me')).rejects.toBeInstanceOf(NotSignedInError);
  });

  it('turns 50 concurrent 401s into exactly one revalidation', async () => {
    let revalidations = 0;
    let token: string | null = 'tok';
    const fetch = createAuthenticatedFetch({
      http: async () => new Response('no', { status: 401 }),
      token: () => token,
      revalidate: async () => {
        revalidations += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        token = null;
        return false;
      },
    });
    const responses = await Promise.all(Array.from({ length: 50 }, () => fetch('https://api.example.com/x')));
    expect(revalidations).toBe(1);
    expect(responses.every((response) => response.status === 401)).toBe(true);
  });

  it('retries once when revalidation finds the session still valid', async () => {
    const statuses = [401, 200];
    let calls = 0;
    const fetch = createAuthenticatedFetch({
      http: async () => new Response(null, { status: statuses[calls++] }),
      token: () => 'tok',
      revalidate: async () => true,
    });
    expect((await fetch('https://api.example.com/x')).status).toBe(200);
    expect(calls).toBe(2);
  });
});
