import autocannon from 'autocannon';
import { startAuthServer, testBackends, type Backend } from '../../test/harness/auth-server';
import { summarise, type Figure, type FigureResult } from '../stats';

/** One autocannon run; its average requests per second. Every answer must carry `expectStatus`. */
async function rate(options: autocannon.Options, expectStatus: number): Promise<number> {
  const result = await autocannon({ connections: 10, ...options });
  const counts = Object.entries(result.statusCodeStats ?? {});
  const unexpected = counts.filter(([status]) => Number(status) !== expectStatus);
  if (result.errors > 0 || unexpected.length > 0 || counts.length === 0) {
    throw new Error(`Load run against ${options.url}: ${result.errors} errors, answers ${JSON.stringify(result.statusCodeStats)}, expected only ${expectStatus}`);
  }
  return result.requests.average;
}

async function measureBackend(backend: Backend, quick: boolean): Promise<FigureResult[]> {
  // Limits high enough not to turn the measurement into a measurement of the rate limiter.
  const unlimited = { window: 60, max: 100_000_000 };
  const server = await startAuthServer({ backend, rateLimit: unlimited, handoff: { rateLimit: { token: unlimited } } });
  try {
    const user = await server.createUser();
    const signIn = await server.server.auth.api.signInEmail({ body: { email: user.email, password: user.password } });
    const token = signIn.token;
    const duration = quick ? 1 : 3;
    const runs = quick ? 1 : 5;
    const tokenBody = JSON.stringify({
      grant_type: 'authorization_code',
      code: 'A'.repeat(43),
      code_verifier: 'v'.repeat(43),
      redirect_uri: 'dev.latchkey.app:/auth/callback',
      client_id: 'latchkey-desktop',
    });
    const exchange: autocannon.Options = {
      url: `${server.url}/api/auth/desktop/token`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: tokenBody,
      duration,
    };
    const session: autocannon.Options = { url: `${server.url}/api/auth/get-session`, headers: { authorization: `Bearer ${token}` }, duration };
    if (!quick) {
      await rate({ ...exchange, duration: 1 }, 400);
      await rate({ ...session, duration: 1 }, 200);
    }
    const exchanges: number[] = [];
    const sessions: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      exchanges.push(await rate(exchange, 400));
      sessions.push(await rate(session, 200));
    }
    const name = backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    return [
      summarise(`Token endpoint, 10 connections (${name}; unknown code → invalid_grant, one hashed lookup and delete)`, exchanges, 'req/s', `get-session below, same run`),
      summarise(`BetterAuth get-session with Bearer, 10 connections (${name})`, sessions, 'req/s', 'reference'),
    ];
  } finally {
    await server.close();
  }
}

/** Throughput of the token endpoint beside BetterAuth's own get-session, on each backend at hand. */
export const serverThroughput: Figure = {
  name: 'server throughput',
  reference: "BetterAuth's get-session",
  async measure({ quick }) {
    const results: FigureResult[] = [];
    for (const backend of quick ? (['sqlite'] as Backend[]) : testBackends) results.push(...(await measureBackend(backend, quick)));
    return results;
  },
};
