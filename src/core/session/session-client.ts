import { z } from 'zod';
import { jsonBody, request } from '../http';
import { isServersOwnError, isSomethingOnTheWay, troubleOf, type Trouble } from './server-answer';
import { remainingByServer } from './server-time';
import type { Http } from '../ports';
import type { Profile } from '../account/state';
import { knownPaths, type EndpointSource } from '../auth/server-discovery';
import { revokeToken } from './token-revocation';

/** The server's origin (its known paths), or its discovered endpoints. */
export type SessionServer = string | EndpointSource;

function sourceOf(server: SessionServer): EndpointSource {
  return typeof server === 'string' ? knownPaths(server) : server;
}

/** What the server says about a token. */
export type SessionCheck =
  /** `remainingMs`: how long the session has left by the server's clock, as of the answer. */
  | { kind: 'valid'; expiresAt: number; remainingMs: number; profile: Profile }
  /** The server itself no longer knows the session: expired or revoked. */
  | { kind: 'invalid' }
  /** Nothing is known, so nothing is thrown away; `reason` says what the user is told. */
  | { kind: 'unreachable'; reason: Trouble };

const sessionBody = z.object({
  session: z.object({ expiresAt: z.union([z.string(), z.number()]) }),
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullish(),
    image: z.string().nullish(),
  }),
});

export const requestTimeoutMs = 10_000;

/**
 * `GET /api/auth/get-session` with the Bearer token (BetterAuth's bearer plugin). Only the
 * server's own answer can end a session: its `null`, or a 401/403 in its own JSON words, from its
 * own address (redirects are never followed).
 */
export async function checkSession(
  http: Http,
  server: SessionServer,
  token: string,
  timeoutMs = requestTimeoutMs,
  now: () => number = Date.now,
): Promise<SessionCheck> {
  const source = sourceOf(server);
  const result = await request(
    http,
    (source.cached() ?? (await source.endpoints())).session,
    { headers: { authorization: `Bearer ${token}`, accept: 'application/json' }, redirect: 'manual' },
    { timeoutMs },
  );
  if ('failure' in result) return { kind: 'unreachable', reason: troubleOf(result.failure) };
  const { answer } = result;
  if (isSomethingOnTheWay(answer)) return { kind: 'unreachable', reason: 'attention' };
  if ((answer.status === 401 || answer.status === 403) && isServersOwnError(answer)) return { kind: 'invalid' };
  // Not the session's fault: the endpoint moved. The next check reads the server's metadata again.
  if (answer.status === 404) source.forget();
  if (answer.status !== 200) return { kind: 'unreachable', reason: 'server' };
  const body = jsonBody(answer);
  if (body === null) return { kind: 'invalid' };
  const parsed = sessionBody.safeParse(body);
  if (!parsed.success) return { kind: 'unreachable', reason: 'server' };
  const expiresAt = new Date(parsed.data.session.expiresAt).getTime();
  if (!Number.isFinite(expiresAt)) return { kind: 'unreachable', reason: 'server' };
  const { user } = parsed.data;
  return {
    kind: 'valid',
    expiresAt,
    remainingMs: remainingByServer({ expiresAt, date: answer.headers.get('date'), localNow: now() }),
    profile: { id: user.id, email: user.email, name: user.name || user.email, image: user.image ?? null },
  };
}

/**
 * Ends the session on the server: through RFC 7009 revocation when the server names an endpoint
 * for public clients (and the app's `clientId` is given), else through BetterAuth's sign-out, which
 * is also where a refused revocation falls back to. Best effort: sign-out also works offline, so a
 * failure here is reported, never thrown.
 */
export async function revokeSession(
  http: Http,
  server: SessionServer,
  token: string,
  clientId: string | null = null,
  timeoutMs = requestTimeoutMs,
): Promise<boolean> {
  const source = sourceOf(server);
  const revocation = clientId === null ? null : (source.cached() ?? (await source.endpoints())).revocation;
  if (revocation !== null && clientId !== null) {
    const revoked = await revokeToken(http, revocation, { token, clientId }, timeoutMs);
    if (revoked !== 'refused') return revoked === 'revoked';
  }
  const result = await request(
    http,
    (source.cached() ?? (await source.endpoints())).signOut,
    { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}', redirect: 'manual' },
    { timeoutMs },
  );
  if ('answer' in result && result.answer.status === 404) source.forget();
  return 'answer' in result && result.answer.status >= 200 && result.answer.status < 300 && !isSomethingOnTheWay(result.answer);
}
