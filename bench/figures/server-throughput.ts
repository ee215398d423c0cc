import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { handoff } from '../../src/contract/handoff';
import { pkcePair, postgresUrl, schemeRedirect, testBackends, type Backend } from '../../test/harness/auth-server';
import { postgresSchema, sharedSecret, startServerProcess, type ServerProcess } from '../../test/harness/server-process';
import { handedBack, hiddenField, HttpBrowser } from '../../test/server/http-flow';
import { summarise, type Figure, type FigureResult } from '../stats';

const loadGenerator = fileURLToPath(new URL('../load-generator.mjs', import.meta.url));
const connections = 10;

interface LoadJob {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** One body per request (each a code that can be redeemed once); else `duration` seconds of the same request. */
  bodies?: string[];
  duration?: number;
  connections: number;
  addressOffset: number;
}

let addresses = 0;

/** What one load run measured, timed from the first request sent to the last answer read. */
interface LoadResult {
  rate: number;
  latency: { p50: number; p97_5: number };
  /** The server's Server-Timing metrics, every value per name. */
  shares: Record<string, number[]>;
}

/** One autocannon run in its own process. Every answer must carry `expectStatus`. */
function load(job: Omit<LoadJob, 'connections' | 'addressOffset'>, expectStatus: number): Promise<LoadResult> {
  const full: LoadJob = { connections, addressOffset: addresses, ...job };
  addresses += 200_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [loadGenerator], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`The load generator exited with ${code}`));
      const result = JSON.parse(out) as LoadResult & { errors: number; statuses: Record<string, unknown> };
      const statuses = Object.keys(result.statuses);
      if (result.errors > 0 || statuses.length === 0 || statuses.some((status) => Number(status) !== expectStatus)) {
        return reject(new Error(`Load run against ${job.url}: ${result.errors} errors, answers ${JSON.stringify(result.statuses)}, expected only ${expectStatus}`));
      }
      resolve(result);
    });
    child.stdin.end(JSON.stringify(full));
  });
}

/**
 * Codes issued the way the app gets them: the signed-in browser opens the authorize page and
 * approves on the consent screen, over HTTP, each approval from a client address of its own.
 */
async function issueCodes(server: ServerProcess, browser: HttpBrowser, count: number): Promise<string[]> {
  const bodies: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const forwarded = { 'x-forwarded-for': `172.16.${(addresses >> 8) & 255}.${addresses & 255}` };
    addresses += 1;
    const { verifier, challenge } = pkcePair();
    const query = new URLSearchParams({ response_type: 'code', client_id: handoff.defaultClientId, redirect_uri: schemeRedirect, state: `bench${i}xxxxxxxx`, code_challenge: challenge, code_challenge_method: 'S256' });
    const consent = await (await browser.request(`${handoff.authorizePath}?${query}`, { headers: forwarded })).text();
    const decide = await browser.request(`${handoff.authBasePath}/desktop/decide`, {
      method: 'POST',
      headers: forwarded,
      form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' },
    });
    const code = new URL(await handedBack(decide)).searchParams.get('code');
    if (!code) throw new Error(`The consent step answered ${decide.status} without a code`);
    bodies.push(JSON.stringify({ grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: schemeRedirect, client_id: handoff.defaultClientId }));
  }
  return bodies;
}

async function measureBackend(backend: Backend, quick: boolean): Promise<FigureResult[]> {
  const schema = backend === 'postgres' ? await postgresSchema(postgresUrl!, 'latchkey_bench') : null;
  const server = await startServerProcess({
    BETTER_AUTH_SECRET: sharedSecret(),
    TRUSTED_PROXIES: '127.0.0.1,::1',
    ...(schema ? { DATABASE_URL: schema.databaseUrl } : {}),
  });
  try {
    const browser = new HttpBrowser(server.url);
    const account = { email: `bench-${backend}@example.test`, password: 'correct horse battery', name: 'Bench' };
    const signUp = await browser.request(`${handoff.authBasePath}/sign-up/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: server.url },
      body: JSON.stringify(account),
    });
    const token = ((await signUp.json()) as { token: string }).token;
    const runs = quick ? 1 : 5;
    const codesPerRun = quick ? 20 : 300;
    const session = { url: `${server.url}${handoff.sessionPath}`, headers: { authorization: `Bearer ${token}` }, duration: quick ? 1 : 3 };
    const redeem = async () =>
      load({ url: `${server.url}${handoff.tokenPath}`, method: 'POST', headers: { 'content-type': 'application/json' }, bodies: await issueCodes(server, browser, codesPerRun) }, 200);
    if (!quick) {
      await redeem();
      await load({ ...session, duration: 1 }, 200);
    }
    // Token endpoint and get-session alternate, so both meet the same moment of a shared machine.
    const exchanges: LoadResult[] = [];
    const sessions: LoadResult[] = [];
    for (let i = 0; i < runs; i += 1) {
      exchanges.push(await redeem());
      sessions.push(await load(session, 200));
    }
    const name = backend === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    const rates = (results: LoadResult[]) => results.map((result) => result.rate);
    const latencies = (results: LoadResult[]) => results.map((result) => result.latency.p50);
    const share = (metric: string) => exchanges.flatMap((result) => result.shares[metric] ?? []);
    // What one token request costs in get-sessions: the throughput ratio of each pair of runs.
    const cost = exchanges.map((exchange, i) => sessions[i]!.rate / exchange.rate);
    const timed = 'timed from the first request sent to the last answer';
    return [
      summarise(`Token endpoint redeeming valid codes, ${connections} connections (${name}; server and load generator in separate processes)`, rates(exchanges), 'req/s', `${codesPerRun} codes per run, issued through authorize and consent over HTTP; ${timed}`),
      summarise(`BetterAuth get-session with Bearer, ${connections} connections (${name}; same runs, alternating)`, rates(sessions), 'req/s', `reference; ${timed}`),
      summarise(`· token endpoint ÷ get-session, cost per request (${name})`, cost, '×', 'at most 2 × (one delete, one insert, one read)'),
      summarise(`· token endpoint latency under load, p50 per run (${name})`, latencies(exchanges), 'ms', 'as the load generator saw it'),
      summarise(`· get-session latency under load, p50 per run (${name})`, latencies(sessions), 'ms', 'reference'),
      summarise(`· token endpoint's own work, Server-Timing (${name})`, share('exchange'), 'ms', 'every redeemed code'),
      summarise(`· · delete the code (${name})`, share('consume'), 'ms', 'one DELETE … RETURNING (the adapter\'s consumeOne)'),
      summarise(`· · read the user (${name})`, share('user'), 'ms', 'findUserById'),
      summarise(`· · insert the session (${name})`, share('session'), 'ms', 'createSession'),
    ];
  } finally {
    await server.dispose();
    await schema?.drop();
  }
}

/** Throughput of the server alone, in its own process: the token endpoint beside BetterAuth's get-session. */
export const serverThroughput: Figure = {
  name: 'server throughput',
  reference: "BetterAuth's get-session",
  async measure({ quick }) {
    const results: FigureResult[] = [];
    for (const backend of quick ? (['sqlite'] as Backend[]) : testBackends) results.push(...(await measureBackend(backend, quick)));
    return results;
  },
};
