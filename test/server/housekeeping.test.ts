import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, testBackends, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { requestDeviceCode } from './device-flow';
import { approveOverHttp, signedInBrowser, type HttpBrowser } from './http-flow';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

describe.each(testBackends)('codes left behind are swept by new ones, on %s', (backend) => {
  let server: TestAuthServer;
  let signedIn: { browser: HttpBrowser; user: TestUser };
  let adapter: Awaited<TestAuthServer['server']['auth']['$context']>['adapter'];
  beforeAll(async () => {
    server = await startAuthServer({ backend });
    adapter = (await server.server.auth.$context).adapter;
    const user = await server.createUser();
    signedIn = { browser: await signedInBrowser(server, user), user };
  });
  afterAll(async () => server?.close());

  /** Rows as a long-running server leaves them: codes that were issued and never used, long expired. */
  async function leaveBehind(model: 'deviceCode' | 'verification', count: number, expiresAt: Date, identifierPrefix = 'desktop-handoff:'): Promise<void> {
    const rows = Array.from({ length: count }, () => {
      const id = randomBytes(12).toString('hex');
      return model === 'deviceCode'
        ? { deviceCode: `old-${id}`, userCode: id.slice(0, 8).toUpperCase(), expiresAt, status: 'pending', pollingInterval: 5000, clientId: 'latchkey-desktop', createdAt: expiresAt, updatedAt: expiresAt }
        : { identifier: `${identifierPrefix}${id}`, value: '{}', expiresAt, createdAt: expiresAt, updatedAt: expiresAt };
    });
    await Promise.all(rows.map((data) => adapter.create({ model, data })));
  }

  const deviceCodes = () => adapter.count({ model: 'deviceCode' });
  const authorizationCodes = () => adapter.count({ model: 'verification', where: [{ field: 'identifier', operator: 'starts_with', value: 'desktop-handoff:' }] });

  it('deletes expired device codes in batches of 100 as new ones are issued, keeping those a late poll may still ask about', async () => {
    await leaveBehind('deviceCode', 130, minutesAgo(60 * 24));
    await leaveBehind('deviceCode', 2, minutesAgo(5));
    const before = await deviceCodes();
    expect((await requestDeviceCode(server)).status).toBe(200);
    // One new code, 100 old ones gone: a bounded batch, not the whole backlog at once.
    expect(await deviceCodes()).toBe(before + 1 - 100);
    expect((await requestDeviceCode(server)).status).toBe(200);
    // What is left: the two live codes, and the two that expired five minutes ago.
    expect(await deviceCodes()).toBe(before - 130 + 2);
  });

  it('deletes the plugin’s expired authorization codes as new ones are issued, and nothing else of the verification table', async () => {
    await leaveBehind('verification', 120, minutesAgo(10));
    await leaveBehind('verification', 1, minutesAgo(10), 'email-verification:');
    const live = await authorizationCodes();
    const others = () => adapter.count({ model: 'verification', where: [{ field: 'identifier', operator: 'starts_with', value: 'email-verification:' }] });
    expect(live).toBeGreaterThanOrEqual(120);
    await approveOverHttp(server, { as: signedIn });
    expect(await authorizationCodes()).toBe(live + 1 - 100);
    await approveOverHttp(server, { as: signedIn });
    // The two codes just issued, not yet redeemed, are all that remain of the plugin's.
    expect(await authorizationCodes()).toBe(live - 120 + 2);
    expect(await others()).toBe(1);
  });
});
