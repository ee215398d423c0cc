import { TransportError } from '../../src/core/ports';

/**
 * What a hostile network answers instead of the auth server, in process: each builds the Response
 * (or the rejection) the Http port would hand the core. The journeys put the same faults on a real
 * wire with mockttp; these are for tables of cases on a fake clock.
 */
const bytes = (text: string) => new TextEncoder().encode(text);
const jsonHeaders = { 'content-type': 'application/json' };
const htmlHeaders = { 'content-type': 'text/html; charset=utf-8' };

export const faultAnswers = {
  /** Headers, the first bytes of the body, then nothing: the signal is ignored, as a wedged stack might. */
  stallAfterHeaders: () => new Response(new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(bytes('{"session":')) }), { headers: jsonHeaders }),
  /** The connection drops halfway through the JSON. */
  truncatedJson: () =>
    new Response(
      new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(bytes('{"session":{"expiresAt":"2026-'));
          c.error(new TypeError('terminated'));
        },
      }),
      { headers: jsonHeaders },
    ),
  /** A captive portal answering every request with its sign-in page. */
  portalPage: () => new Response('<html><title>Sign in to CoffeeShop Wi-Fi</title></html>', { status: 200, headers: htmlHeaders }),
  /** A portal redirecting to its own host (what Node hands back under `redirect: 'manual'`). */
  portalRedirect: () => new Response(null, { status: 302, headers: { location: 'http://portal.example.net/login' } }),
  /** The same, as Electron's net.fetch reports it: a rejection. */
  redirectCancelled: () => Promise.reject(new TransportError('redirect', 'Redirect was cancelled')),
  /** A corporate web filter's block page. */
  filterBlock: () => new Response('<h1>Access denied by policy</h1>', { status: 403, headers: htmlHeaders }),
  /** A proxy asking for its own credentials. */
  proxyBasicAuth: () => new Response('Unauthorized', { status: 401, headers: { 'www-authenticate': 'Basic realm="corp"' } }),
  proxyAuthRequired: () => new Response('Proxy Authentication Required', { status: 407 }),
  hotspotLogin: () => new Response('<html>Log in to continue</html>', { status: 511, headers: htmlHeaders }),
  badGatewayHtml: (status: 502 | 503 | 504) => () => new Response(`<html><h1>${status}</h1></html>`, { status, headers: htmlHeaders }),
  /** A session in the right shape, but labelled as text. */
  wrongContentType: (body: unknown) => () => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'text/plain' } }),
  /** A JSON body far larger than any session: only its first bytes are read. */
  oversized: () => new Response(`{"padding":"${'x'.repeat(2 * 1024 * 1024)}"}`, { status: 200, headers: jsonHeaders }),
  /** An intercepting proxy's certificate, or an expired one, as the Http adapter reports it. */
  certificateRefused: () => Promise.reject(new TransportError('tls', 'net::ERR_CERT_AUTHORITY_INVALID')),
  /** BetterAuth's own refusal, in its own words. */
  serversOwn401: () => Response.json({ code: 'UNAUTHORIZED', message: 'Unauthorized' }, { status: 401 }),
} as const;
