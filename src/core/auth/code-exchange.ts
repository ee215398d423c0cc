import { z } from 'zod';
import { handoff } from '../../contract/handoff';
import type { SignedInUser } from '../account/ports';
import type { Http } from '../ports';
import { jsonBody, request } from '../http';
import { remainingByServer } from '../session/server-time';
import type { EndpointSource } from './server-discovery';
import { bearerTokenFields, errorBody, signedInUser, userBody } from './token-answer';

/** How an exchange of code + verifier for a session ended. */
export type ExchangeResult =
  /** `remainingMs`: the session's time left by the server's clock, from `expires_in` or `Date`. */
  | { kind: 'token'; token: string; expiresAt: number; remainingMs: number; user: SignedInUser }
  /** 400 invalid_grant: unknown, expired or spent code, or a verifier that does not match. */
  | { kind: 'rejected' }
  /** Another 4xx: the request itself is wrong (client id, redirect URI); retrying will not help. */
  | { kind: 'refused'; error: string }
  | { kind: 'network'; reason: 'network' | 'timeout' | 'tls' | 'redirect' }
  /** A 5xx, or an answer that is not the protocol's. */
  | { kind: 'server'; reason: 'status' | 'malformed' };

export interface ExchangeRequest {
  serverOrigin: string;
  /** The server's discovered endpoints. @default the known token path on the origin */
  endpoints?: EndpointSource;
  clientId: string;
  code: string;
  verifier: string;
  redirectUri: string;
}

const tokenBody = z.object({
  ...bearerTokenFields,
  expires_at: z.string().datetime({ offset: true }),
  expires_in: z.number().int().nonnegative().max(10 * 365 * 86_400).optional(),
  user: userBody,
});

export const exchangeTimeoutMs = 15_000;

/**
 * `POST {token endpoint}` (RFC 6749 §4.1.3 with RFC 7636 §4.5), as JSON. A 404 spent no code:
 * the endpoints are read again and, if the token endpoint moved, the exchange is sent there once.
 */
export async function exchangeCode(
  http: Http,
  request: ExchangeRequest,
  timeoutMs = exchangeTimeoutMs,
  now: () => number = Date.now,
): Promise<ExchangeResult> {
  const { endpoints } = request;
  const tokenUrl = endpoints ? (endpoints.cached() ?? (await endpoints.endpoints())).token : new URL(handoff.tokenPath, request.serverOrigin).href;
  const result = await exchangeAt(http, tokenUrl, request, timeoutMs, now);
  if (!(result.kind === 'refused' && result.error === 'http_404' && endpoints)) return result;
  endpoints.forget();
  const moved = (await endpoints.endpoints()).token;
  return moved === tokenUrl ? result : exchangeAt(http, moved, request, timeoutMs, now);
}

async function exchangeAt(http: Http, tokenUrl: string, exchange: ExchangeRequest, timeoutMs: number, now: () => number): Promise<ExchangeResult> {
  const sent = await request(
    http,
    tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code: exchange.code,
        code_verifier: exchange.verifier,
        redirect_uri: exchange.redirectUri,
        client_id: exchange.clientId,
      }),
      // The code and verifier go to the token endpoint and nowhere else, not even through a redirect.
      redirect: 'manual',
    },
    { timeoutMs },
  );
  if ('failure' in sent) {
    const { failure } = sent;
    // A body cut short or too large is the server's trouble; the code may still be unspent.
    return failure === 'truncated' || failure === 'too_large' ? { kind: 'server', reason: 'status' } : { kind: 'network', reason: failure };
  }
  const { answer } = sent;
  if (answer.status >= 500) return { kind: 'server', reason: 'status' };
  const body = jsonBody(answer);
  if (body === undefined) return isClientError(answer.status) ? { kind: 'refused', error: `http_${answer.status}` } : { kind: 'server', reason: 'malformed' };
  if (answer.status === 200) return tokenFrom(body, answer.headers.get('date'), now());
  const error = errorBody.safeParse(body);
  if (answer.status === 400 && error.success && error.data.error === 'invalid_grant') return { kind: 'rejected' };
  if (isClientError(answer.status)) return { kind: 'refused', error: error.success ? error.data.error : `http_${answer.status}` };
  return { kind: 'server', reason: 'malformed' };
}

function isClientError(status: number): boolean {
  return status >= 400 && status < 500;
}

function tokenFrom(body: unknown, date: string | null, localNow: number): ExchangeResult {
  const parsed = tokenBody.safeParse(body);
  if (!parsed.success) return { kind: 'server', reason: 'malformed' };
  const { access_token, expires_at, expires_in, user } = parsed.data;
  const expiresAt = Date.parse(expires_at);
  if (!Number.isFinite(expiresAt)) return { kind: 'server', reason: 'malformed' };
  return {
    kind: 'token',
    token: access_token,
    expiresAt,
    remainingMs: remainingByServer({ expiresAt, expiresInMs: expires_in === undefined ? null : expires_in * 1000, date, localNow }),
    user: signedInUser(user),
  };
}
