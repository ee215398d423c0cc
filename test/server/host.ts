import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { desktopHandoff, type DesktopHandoffOptions } from '@latchkey/desktop-handoff';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { bearer } from 'better-auth/plugins';
import pg from 'pg';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseOption } from '../../src/server/database';
import { pkcePair, postgresUrl, type Backend } from '../harness/auth-server';

/** A developer's own BetterAuth server with the plugin, configured as the test needs. */
export interface Host {
  url: string;
  auth: ReturnType<typeof betterAuth>;
  /** `/desktop/authorize?…` for the host's client `host-app`. */
  authorizeUrl(params?: Record<string, string>): string;
  /** How many users the host's database holds. */
  userCount(): Promise<number>;
  /** Where its database is, for another instance of the same host (`sameDatabaseAs`). */
  database: DatabaseOption;
  close(): Promise<void>;
}

export const hostClient = { clientId: 'host-app', name: 'Host App', redirectUris: ['com.example.host:/auth/callback', 'http://127.0.0.1/auth/callback'] };

/**
 * Starts the host on 127.0.0.1 over SQLite or its own PostgreSQL schema. `routes` answers paths
 * of the host's own (a sign-in page, its script) before BetterAuth sees them.
 */
export async function startHost(options: {
  backend?: Backend;
  auth?: Partial<BetterAuthOptions>;
  handoff?: Partial<DesktopHandoffOptions>;
  routes?: Record<string, (request: IncomingMessage, response: ServerResponse) => void>;
  /** Awaited before BetterAuth sees a request: a test's barrier. */
  gate?: (request: IncomingMessage) => Promise<void>;
  /** A second instance of that host, over its database, which stays that host's to close. */
  sameDatabaseAs?: Host;
}): Promise<Host> {
  const backend = options.backend ?? 'sqlite';
  const schema = `latchkey_host_${randomBytes(6).toString('hex')}`;
  const dir = backend === 'sqlite' && !options.sameDatabaseAs ? mkdtempSync(join(tmpdir(), 'latchkey-host-')) : null;
  const location: DatabaseOption = options.sameDatabaseAs?.database ?? (dir ? { sqlite: join(dir, 'host.sqlite') } : { postgres: postgresUrl!, schema });
  const database = await openDatabase(location);
  const http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const { plugins = [], ...rest } = options.auth ?? {};
  const auth = betterAuth({
    baseURL: url,
    secret: randomBytes(32).toString('base64url'),
    database: database.handle,
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    logger: { disabled: true },
    ...rest,
    plugins: [
      bearer(),
      ...plugins,
      desktopHandoff({ clients: [hostClient], rateLimit: { signIn: { window: 60, max: 1000 }, secondFactor: { window: 60, max: 1000 } }, ...options.handoff }),
    ],
  });
  await (await getMigrations(auth.options)).runMigrations();
  const handler = toNodeHandler(auth);
  http.on('request', (request, response) => {
    const route = options.routes?.[(request.url ?? '/').split('?')[0]!];
    if (route) return route(request, response);
    // The routes a host adds for the plugin: the app opens {origin}/desktop/authorize, a standard
    // client reads {origin}/.well-known/oauth-authorization-server, a phone opens {origin}/device.
    const basePath = options.auth?.basePath ?? '/api/auth';
    if (request.url?.startsWith('/desktop/authorize') || request.url?.startsWith('/.well-known/oauth-authorization-server')) request.url = `${basePath}${request.url}`;
    if (request.url === '/device' || request.url?.startsWith('/device?')) request.url = `${basePath}/desktop${request.url}`;
    void (options.gate ?? (async () => {}))(request).then(() => handler(request, response));
  });
  return {
    url,
    auth: auth as unknown as ReturnType<typeof betterAuth>,
    database: location,
    authorizeUrl(params = {}) {
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: hostClient.clientId,
        redirect_uri: hostClient.redirectUris[0]!,
        state: randomBytes(16).toString('base64url'),
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
        ...params,
      });
      return `${url}/desktop/authorize?${query}`;
    },
    async userCount() {
      const context = await auth.$context;
      return context.adapter.count({ model: 'user' });
    },
    async close() {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await database.close();
      if (options.sameDatabaseAs) return;
      if (dir) rmSync(dir, { recursive: true, force: true });
      else {
        const client = new pg.Client({ connectionString: postgresUrl! });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    },
  };
}
