/** JSON answers of the token and revocation endpoints: never cached (RFC 6749 §5.1). */
export const noStore = { 'content-type': 'application/json', 'cache-control': 'no-store', pragma: 'no-cache' } as const;

/** Errors the token and revocation endpoints answer (RFC 6749 §5.2, RFC 7009 §2.2.1, RFC 8628 §3.5). */
export type EndpointError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unsupported_grant_type' | 'unsupported_token_type';

/**
 * The challenge of an `invalid_client` answer. RFC 6749 §5.2 requires one matching the scheme the
 * client used when it sent an Authorization header; HTTP requires one on every 401 (RFC 9110
 * §15.5.2), so without a header it names Basic, as oidc-provider does, with the issuer as realm.
 */
export function clientChallenge(issuer: string, request: Request | undefined): Record<string, string> {
  const scheme = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*/u.exec(request?.headers.get('authorization') ?? '')?.[0] ?? 'Basic';
  return { 'www-authenticate': `${scheme} realm="${issuer}", error="invalid_client"` };
}

/** An RFC 6749 §5.2 error answer: 400, except `invalid_client`, which is 401 with a challenge. */
export function oauthError(error: EndpointError, issuer: string, request: Request | undefined, description?: string): Response {
  const body = JSON.stringify(description === undefined ? { error } : { error, error_description: description });
  if (error !== 'invalid_client') return new Response(body, { status: 400, headers: noStore });
  return new Response(body, { status: 401, headers: { ...noStore, ...clientChallenge(issuer, request) } });
}

/**
 * Whether the request tried to authenticate the client with an Authorization header. Desktop apps
 * are public clients (`token_endpoint_auth_methods_supported: ["none"]`), so any such attempt
 * used a method this server does not support: §5.2's `invalid_client`.
 */
export function triedClientAuthentication(request: Request | undefined): boolean {
  return request?.headers.has('authorization') === true;
}

/** Said when a client sent credentials: the server has no way to check them. */
export const publicClientsOnly = 'this server takes public clients only: send client_id, no credentials';
