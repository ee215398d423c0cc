import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type TestAuthServer } from '../harness/auth-server';
import { approveOverHttp, signedInBrowser } from './http-flow';

describe('what the handoff stores', () => {
  let server: TestAuthServer;
  beforeAll(async () => {
    server = await startAuthServer();
  });
  afterAll(async () => server?.close());

  function database(): DatabaseSync {
    const options = server.server.auth.options.database as DatabaseSync;
    return options;
  }

  it('adds no table beyond those of BetterAuth and its twoFactor and deviceAuthorization plugins', () => {
    const tables = database()
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((row) => row.name);
    expect(tables).toEqual(['account', 'deviceCode', 'session', 'twoFactor', 'user', 'verification']);
  });

  it('keeps only a hash of the code, bound to the request, for at most two minutes', async () => {
    const user = await server.createUser();
    const approval = await approveOverHttp(server, { as: { browser: await signedInBrowser(server, user), user } });
    const rows = database().prepare("SELECT identifier, value, expiresAt, createdAt FROM verification WHERE identifier LIKE 'desktop-handoff:%'").all();
    expect(rows).toHaveLength(1);
    const [row] = rows as { identifier: string; value: string; expiresAt: string | number; createdAt: string | number }[];
    expect(JSON.stringify(row)).not.toContain(approval.code);
    expect(JSON.parse(row!.value)).toEqual({ clientId: 'latchkey-desktop', redirectUri: approval.redirectUri, codeChallenge: approval.challenge, userId: user.id });
    const lifetime = new Date(row!.expiresAt).getTime() - new Date(row!.createdAt).getTime();
    expect(lifetime).toBeLessThanOrEqual(120_000);
    expect(lifetime).toBeGreaterThan(110_000);
  });
});
