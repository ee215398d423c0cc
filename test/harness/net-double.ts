/**
 * Electron's `net.fetch`, played by Node's fetch but answering as Electron does
 * (lib/browser/api/net-fetch.ts and net-client-request.ts):
 * - a failure rejects with Chromium's net error name as the message (`net::ERR_CONNECTION_REFUSED`,
 *   `net::ERR_CERT_AUTHORITY_INVALID`), not with undici's `TypeError: fetch failed`;
 * - `redirect: 'manual'` rejects with "Redirect was cancelled" instead of handing back the 3xx;
 * - the Response is rebuilt from the loader's head, so it has no `url` and `redirected` is false.
 */
export async function netFetchDouble(input: string | Request, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(input, init);
  } catch (error) {
    throw asNetError(error);
  }
  if (init?.redirect === 'manual' && response.status >= 300 && response.status < 400 && response.headers.has('location')) {
    void response.body?.cancel().catch(() => undefined);
    throw new Error('Redirect was cancelled');
  }
  const nullBody = [101, 204, 205, 304].includes(response.status) || init?.method === 'HEAD';
  return new Response(nullBody ? null : response.body, { status: response.status, statusText: response.statusText, headers: response.headers });
}

/** Node's error codes (the `cause` of undici's TypeError) as Chromium names them (net/base/net_error_list.h). */
const chromiumNames: Record<string, string> = {
  ECONNREFUSED: 'net::ERR_CONNECTION_REFUSED',
  ECONNRESET: 'net::ERR_CONNECTION_RESET',
  UND_ERR_SOCKET: 'net::ERR_CONNECTION_CLOSED',
  EPIPE: 'net::ERR_CONNECTION_RESET',
  ENOTFOUND: 'net::ERR_NAME_NOT_RESOLVED',
  EHOSTUNREACH: 'net::ERR_ADDRESS_UNREACHABLE',
  ENETUNREACH: 'net::ERR_INTERNET_DISCONNECTED',
  CERT_HAS_EXPIRED: 'net::ERR_CERT_DATE_INVALID',
  CERT_NOT_YET_VALID: 'net::ERR_CERT_DATE_INVALID',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'net::ERR_CERT_AUTHORITY_INVALID',
  SELF_SIGNED_CERT_IN_CHAIN: 'net::ERR_CERT_AUTHORITY_INVALID',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'net::ERR_CERT_AUTHORITY_INVALID',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'net::ERR_CERT_AUTHORITY_INVALID',
  ERR_TLS_CERT_ALTNAME_INVALID: 'net::ERR_CERT_COMMON_NAME_INVALID',
};

function asNetError(error: unknown): unknown {
  if (error instanceof Error && error.name === 'AbortError') return error;
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return new Error((cause?.code && chromiumNames[cause.code]) || 'net::ERR_FAILED');
}
