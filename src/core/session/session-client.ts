import { z } from 'zod';
import { requestWithTimeout } from '../http';
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
  | { kind: 'valid'; expiresAt: number; profile: Profile }
  /** The server no longer knows the session: expired or revoked. */
  | { kind: 'invalid' }
  /** Network error, timeout or a 5xx: nothing is known, so nothing is thrown away. */
  | { kind: 'unreachable'; reason: 'network' | 'timeout' | 'server' };

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

/** `GET /api/auth/get-session` with the Bearer token (BetterAuth's bearer plugin). */
export async function checkSession(
  http: Http,
  server: SessionServer,
  token: string,
  timeoutMs = requestTimeoutMs,
): Promise<SessionCheck> {
  const source = sourceOf(server);
  const result = await requestWithTimeout(
    http,
    (source.cached() ?? (await source.endpoints())).session,
    { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
    timeoutMs,
  );
  if ('failure' in result) return { kind: 'unreachable', reason: result.failure };
  const { response } = result;
  if (response.status === 401 || response.status === 403) return { kind: 'invalid' };
  // Not the session's fault: the endpoint moved. The next check reads the server's metadata again.
  if (response.status === 404) source.forget();
  if (!response.ok) return { kind: 'unreachable', reason: 'server' };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { kind: 'unreachable', reason: 'server' };
  }
  if (body === null) return { kind: 'invalid' };
  const parsed = sessionBody.safeParse(body);
  if (!parsed.success) return { kind: 'unreachable', reason: 'server' };
  const expiresAt = new Date(parsed.data.session.expiresAt).getTime();
  if (!Number.isFinite(expiresAt)) return { kind: 'unreachable', reason: 'server' };
  const { user } = parsed.data;
  return {
    kind: 'valid',
    expiresAt,
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
  const result = await requestWithTimeout(
    http,
    (source.cached() ?? (await source.endpoints())).signOut,
    { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' },
    timeoutMs,
  );
  if ('response' in result && result.response.status === 404) source.forget();
  return 'response' in result && result.response.ok;
}
