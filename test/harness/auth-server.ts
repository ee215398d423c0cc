import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { handoff, schemeRedirectUri } from '../../src/contract/handoff';
import { createAuthServer, type AuthServer, type AuthServerOptions, type LogLevel } from '../../src/server/auth-server';
import { defaultSchemes } from '../../src/server/default-clients';

/** The backends the server suite runs on: SQLite always, PostgreSQL when CI provides one. */
export type Backend = 'sqlite' | 'postgres';
export const postgresUrl = process.env.LATCHKEY_TEST_POSTGRES_URL || null;
export const testBackends: Backend[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

/** The production-scheme redirect URI of the default client. */
export const schemeRedirect = schemeRedirectUri(defaultSchemes[0]);

export interface TestUser {
  id: string;
  email: string;
  password: string;
  name: string;
}

export interface TestAuthServer {
  url: string;
  server: AuthServer;
  /** Every line BetterAuth logged, for asserting that no secret reached a log. */
  logs: { level: LogLevel; message: string }[];
  /** A user with email + password, created through BetterAuth itself (no page, no rate limit). */
  createUser(overrides?: Partial<Omit<TestUser, 'id'>>): Promise<TestUser>;
  /** `/desktop/authorize?…` for the default client, with any parameter overridden or removed (null). */
  authorizeUrl(params: Partial<Record<AuthorizeParam, string | null>>): string;
  /** `POST /api/auth/desktop/token` as JSON; answers status and parsed body. */
  exchange(fields: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

type AuthorizeParam = 'response_type' | 'client_id' | 'redirect_uri' | 'state' | 'code_challenge' | 'code_challenge_method' | 'prompt' | 'login_hint' | 'max_age';

/** A PKCE pair (RFC 7636 §4.1–4.2) as the app makes one. */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

let counter = 0;
function uniqueEmail(): string {
  counter += 1;
  return `user-${process.pid}-${Date.now().toString(36)}-${counter}@example.test`;
}

/**
 * Starts the real reference server on an ephemeral port: a temporary SQLite file, or its own
 * schema in the PostgreSQL of LATCHKEY_TEST_POSTGRES_URL. Close it to remove the data.
 */
export async function startAuthServer(
  options: { backend?: Backend } & Partial<Omit<AuthServerOptions, 'database' | 'secret' | 'log'>> = {},
): Promise<TestAuthServer> {
  const { backend = 'sqlite', ...rest } = options;
  const logs: TestAuthServer['logs'] = [];
  let cleanup: () => Promise<void>;
  let database: AuthServerOptions['database'];
  if (backend === 'postgres') {
    if (!postgresUrl) throw new Error('The postgres backend needs LATCHKEY_TEST_POSTGRES_URL.');
    const schema = `latchkey_test_${randomBytes(6).toString('hex')}`;
    database = { postgres: postgresUrl, schema };
    cleanup = async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-auth-'));
    database = { sqlite: join(dir, 'auth.sqlite') };
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  // The pages' sign-in limit is BetterAuth's 3 per 10 s; suites sign in far more often than a person.
  // So are the device page and the device endpoints: a suite asks for codes far more often too.
  const relaxed = { window: 60, max: 1000 };
  const handoffOptions = { ...rest.handoff, rateLimit: { signIn: relaxed, secondFactor: relaxed, device: relaxed, deviceDecide: relaxed, ...rest.handoff?.rateLimit } };
  const deviceOptions = { ...rest.device, rateLimit: { code: relaxed, token: relaxed, decide: relaxed, ...rest.device?.rateLimit } };
  const server = await createAuthServer({
    ...rest,
    handoff: handoffOptions,
    device: deviceOptions,
    database,
    secret: randomBytes(32).toString('base64url'),
    log: (level, message) => logs.push({ level, message }),
  });
  const { url } = server;
  return {
    url,
    server,
    logs,
    async createUser(overrides = {}) {
      const user = { email: uniqueEmail(), password: 'correct horse battery', name: 'Test User', ...overrides };
      const result = await server.auth.api.signUpEmail({ body: user });
      return { ...user, id: result.user.id };
    },
    authorizeUrl(params) {
      const query = new URLSearchParams();
      const defaults: Partial<Record<AuthorizeParam, string>> = {
        response_type: 'code',
        client_id: handoff.defaultClientId,
        redirect_uri: schemeRedirect,
        state: randomBytes(16).toString('base64url'),
        code_challenge: pkcePair().challenge,
        code_challenge_method: 'S256',
      };
      for (const [name, value] of Object.entries({ ...defaults, ...params })) if (value !== null) query.set(name, value);
      return `${url}${handoff.authorizePath}?${query.toString()}`;
    },
    async exchange(fields) {
      const response = await fetch(`${url}${handoff.tokenPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fields),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    async close() {
      await server.close();
      await cleanup();
    },
  };
}
