import { z } from 'zod';
import { handoff } from '../../contract/handoff';
import type { SignedInUser } from '../account/ports';
import type { Http } from '../ports';
import { requestWithTimeout } from '../http';
import type { EndpointSource } from './server-discovery';
import { bearerTokenFields, errorBody, signedInUser, userBody } from './token-answer';

/** How an exchange of code + verifier for a session ended. */
export type ExchangeResult =
  | { kind: 'token'; token: string; expiresAt: number; user: SignedInUser }
  /** 400 invalid_grant: unknown, expired or spent code, or a verifier that does not match. */
  | { kind: 'rejected' }
  /** Another 4xx: the request itself is wrong (client id, redirect URI); retrying will not help. */
  | { kind: 'refused'; error: string }
  | { kind: 'network'; reason: 'network' | 'timeout' }
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

const tokenBody = z.object({ ...bearerTokenFields, expires_at: z.string().datetime({ offset: true }), user: userBody });

export const exchangeTimeoutMs = 15_000;

/**
 * `POST {token endpoint}` (RFC 6749 §4.1.3 with RFC 7636 §4.5), as JSON. A 404 spent no code:
 * the endpoints are read again and, if the token endpoint moved, the exchange is sent there once.
 */
export async function exchangeCode(http: Http, request: ExchangeRequest, timeoutMs = exchangeTimeoutMs): Promise<ExchangeResult> {
  const { endpoints } = request;
  const tokenUrl = endpoints ? (endpoints.cached() ?? (await endpoints.endpoints())).token : new URL(handoff.tokenPath, request.serverOrigin).href;
  const result = await exchangeAt(http, tokenUrl, request, timeoutMs);
  if (!(result.kind === 'refused' && result.error === 'http_404' && endpoints)) return result;
  endpoints.forget();
  const moved = (await endpoints.endpoints()).token;
  return moved === tokenUrl ? result : exchangeAt(http, moved, request, timeoutMs);
}

async function exchangeAt(http: Http, tokenUrl: string, request: ExchangeRequest, timeoutMs: number): Promise<ExchangeResult> {
  const sent = await requestWithTimeout(
    http,
    tokenUrl,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        grant_type: 'authorization_code',
        code: request.code,
        code_verifier: request.verifier,
        redirect_uri: request.redirectUri,
        client_id: request.clientId,
      }),
      // The code and verifier go to the token endpoint and nowhere else, not even through a redirect.
      redirect: 'manual',
    },
    timeoutMs,
  );
  if ('failure' in sent) return { kind: 'network', reason: sent.failure };
  const { response } = sent;
  if (response.status >= 500) return { kind: 'server', reason: 'status' };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return isClientError(response.status) ? { kind: 'refused', error: `http_${response.status}` } : { kind: 'server', reason: 'malformed' };
  }
  if (response.status === 200) return tokenFrom(body);
  const error = errorBody.safeParse(body);
  if (response.status === 400 && error.success && error.data.error === 'invalid_grant') return { kind: 'rejected' };
  if (isClientError(response.status)) return { kind: 'refused', error: error.success ? error.data.error : `http_${response.status}` };
  return { kind: 'server', reason: 'malformed' };
}

function isClientError(status: number): boolean {
  return status >= 400 && status < 500;
}

function tokenFrom(body: unknown): ExchangeResult {
  const parsed = tokenBody.safeParse(body);
  if (!parsed.success) return { kind: 'server', reason: 'malformed' };
  const { access_token, expires_at, user } = parsed.data;
  const expiresAt = Date.parse(expires_at);
  if (!Number.isFinite(expiresAt)) return { kind: 'server', reason: 'malformed' };
  return {
    kind: 'token',
    token: access_token,
    expiresAt,
    user: signedInUser(user),
  };
}
