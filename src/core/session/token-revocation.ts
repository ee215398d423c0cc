import { request } from '../http';
import { isSomethingOnTheWay } from './server-answer';
import type { Http } from '../ports';

/**
 * `revoked`: the server answered 200, which RFC 7009 §2.2 also answers for a token it no longer
 * knew. `refused`: it would not take the request (a 4xx, such as an unknown client), so the caller
 * may end the session another way. `unreachable`: nothing is known.
 */
export type RevocationOutcome = 'revoked' | 'refused' | 'unreachable';

/** RFC 7009 §2.1: the token, form-encoded, with the public client's id (RFC 6749 §2.3). */
export async function revokeToken(http: Http, endpoint: string, revocation: { token: string; clientId: string }, timeoutMs: number): Promise<RevocationOutcome> {
  const result = await request(
    http,
    endpoint,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ token: revocation.token, token_type_hint: 'access_token', client_id: revocation.clientId }).toString(),
      redirect: 'manual',
    },
    { timeoutMs },
  );
  if ('failure' in result) return 'unreachable';
  // A portal's page or a proxy's challenge is not the server's word: the session may still be live.
  if (isSomethingOnTheWay(result.answer)) return 'unreachable';
  const { status } = result.answer;
  if (status === 200) return 'revoked';
  // §2.2.1: 503 means try again later; any other 5xx is the server's trouble too.
  return status >= 400 && status < 500 ? 'refused' : 'unreachable';
}
