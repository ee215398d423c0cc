import { jsonBody, type Answer, type RequestFailure } from '../http';

/**
 * Whose answer is this: the auth server's, or something on the way? Only the server can say a
 * session is over. A captive portal, a web filter or a proxy answers too, often with a status that
 * looks like the server's (401, 403, 200), but never in the server's own shape.
 */
export type Trouble =
  /** No connection at all. */
  | 'network'
  /** Connected, but no answer in time. */
  | 'timeout'
  /** The certificate was refused: expired, or signed by an intercepting proxy's own authority. */
  | 'tls'
  /** Something on the way answered instead of the server: a captive portal, a proxy, a web filter. */
  | 'attention'
  /** The server answered, but not usefully: a 5xx, a broken or oversized body, the wrong type. */
  | 'server';

/** What a transport failure means for the user. */
export function troubleOf(failure: RequestFailure): Trouble {
  switch (failure) {
    case 'redirect':
      return 'attention';
    case 'truncated':
    case 'too_large':
      return 'server';
    default:
      return failure;
  }
}

/** BetterAuth's own errors are JSON objects with a `message` or `code` (OAuth's with `error`). */
export function isServersOwnError(answer: Answer): boolean {
  const body = jsonBody(answer);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { message, code, error } = body as Record<string, unknown>;
  return [message, code, error].some((field) => typeof field === 'string');
}

/**
 * An answer that did not come from the server's session endpoint: a redirect (a portal sending
 * the user to its sign-in page), a proxy's 407 or a hotspot's 511 (RFC 6585 §6), an HTML page
 * where JSON was asked for, or a 401/403 not in the server's own words (a proxy's
 * `WWW-Authenticate: Basic`, a web filter's block page).
 */
export function isSomethingOnTheWay(answer: Answer): boolean {
  const { status } = answer;
  if (status >= 300 && status < 400) return true;
  if (status === 407 || status === 511) return true;
  if ((status === 401 || status === 403) && !isServersOwnError(answer)) return true;
  return status < 300 && /^text\/html\b/iu.test(answer.headers.get('content-type')?.trim() ?? '');
}
