import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type TestAuthServer } from '../harness/auth-server';

describe('rate limits', () => {
  let limited: TestAuthServer;
  let other: TestAuthServer;
  beforeAll(async () => {
    const tight = { window: 60, max: 3 };
    [limited, other] = await Promise.all([startAuthServer({ handoff: { rateLimit: { authorize: tight, token: tight } } }), startAuthServer()]);
  });
  afterAll(async () => Promise.all([limited?.close(), other?.close()]));

  it('slows down a client that hammers the authorize page', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await fetch(limited.authorizeUrl({}))).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('slows down guessing at the token endpoint', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push((await limited.exchange({ grant_type: 'authorization_code', code: 'A'.repeat(43) })).status);
    expect(statuses).toEqual([400, 400, 400, 429]);
  });

  it('counts each server on its own', async () => {
    expect((await fetch(other.authorizeUrl({}))).status).toBe(200);
  });
});
