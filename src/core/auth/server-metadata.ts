import { deviceMetadataFields, handoff } from '../../contract/handoff';

/** Where the app reaches one sign-in server, and what that server promised. */
export interface ServerEndpoints {
  /** The issuer identifier the callback's `iss` must equal (RFC 9207 §2.4). */
  issuer: string;
  authorization: string;
  token: string;
  session: string;
  signOut: string;
  /** RFC 7009 `revocation_endpoint`, for public clients; null when the server names none (sign-out ends the session then). */
  revocation: string | null;
  /** The server advertised `authorization_response_iss_parameter_supported`: a callback without `iss` is refused. */
  issRequired: boolean;
  /** RFC 8628 §4 `device_authorization_endpoint`; null when the server offers no device sign-in. */
  deviceAuthorization: string | null;
  /** Where device codes are polled for a session; null without device sign-in. */
  deviceToken: string | null;
  /** `metadata`: read from RFC 8414 metadata; `known paths`: a server without it, at the reference layout. */
  source: 'metadata' | 'known paths';
}

export type MetadataParse = { ok: true; endpoints: ServerEndpoints } | { ok: false; reason: string };

export const metadataLimits = { body: 16_384, url: 2048 } as const;

const reject = (reason: string): MetadataParse => ({ ok: false, reason });

/** The server's origin as configured, without a trailing slash. */
function originOf(serverOrigin: string): string {
  return new URL(serverOrigin).origin;
}

/** A server without metadata (before RFC 8414 support): the reference server's own paths. */
export function knownPathEndpoints(serverOrigin: string): ServerEndpoints {
  const origin = originOf(serverOrigin);
  return {
    issuer: origin,
    authorization: `${origin}${handoff.authorizePath}`,
    token: `${origin}${handoff.tokenPath}`,
    session: `${origin}${handoff.sessionPath}`,
    signOut: `${origin}${handoff.signOutPath}`,
    revocation: null,
    issRequired: false,
    // A server without metadata cannot say whether it offers device sign-in: the app does not guess.
    deviceAuthorization: null,
    deviceToken: null,
    source: 'known paths',
  };
}

/** An absolute URL on the server's own origin, without credentials or fragment; null otherwise. */
function endpointOn(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || value.length === 0 || value.length > metadataLimits.url) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  // The browser adapter opens only the server's origin, and the token goes nowhere else.
  if (url.origin !== origin || url.username || url.password || url.hash) return null;
  return url.href;
}

function listHas(value: unknown, wanted: string): boolean {
  return Array.isArray(value) && value.includes(wanted);
}

/**
 * The strict metadata parser (RFC 8414 §2, §3.3). The metadata is used only when its issuer is
 * exactly the origin it was fetched from, it offers the code flow with S256, and every endpoint
 * is on that origin. One reason string per refusal.
 */
export function parseServerMetadata(body: unknown, serverOrigin: string): MetadataParse {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return reject('not a JSON object');
  const fields = body as Record<string, unknown>;
  const origin = originOf(serverOrigin);
  // §3.3: the issuer must be identical to the one the metadata URL was built from.
  if (fields.issuer !== origin) return reject('an issuer other than the server');
  if (!listHas(fields.response_types_supported, 'code')) return reject('no code response type');
  if (!listHas(fields.code_challenge_methods_supported, handoff.codeChallengeMethod)) return reject('no S256 PKCE');
  if (fields.grant_types_supported !== undefined && !listHas(fields.grant_types_supported, 'authorization_code')) return reject('no authorization_code grant');
  if (fields.token_endpoint_auth_methods_supported !== undefined && !listHas(fields.token_endpoint_auth_methods_supported, 'none')) {
    return reject('no public-client token requests');
  }
  const authorization = endpointOn(fields.authorization_endpoint, origin);
  if (authorization === null) return reject('an authorization endpoint off the server');
  const token = endpointOn(fields.token_endpoint, origin);
  if (token === null) return reject('a token endpoint off the server');
  // BetterAuth's own session endpoints are our extension; a server without them keeps the known paths.
  const known = knownPathEndpoints(origin);
  const session = fields.desktop_session_endpoint === undefined ? known.session : endpointOn(fields.desktop_session_endpoint, origin);
  const signOut = fields.desktop_sign_out_endpoint === undefined ? known.signOut : endpointOn(fields.desktop_sign_out_endpoint, origin);
  if (session === null || signOut === null) return reject('a session endpoint off the server');
  const revocation = revocationEndpoint(fields, origin);
  if (revocation === undefined) return reject('a revocation endpoint off the server');
  const issRequired = fields.authorization_response_iss_parameter_supported === true;
  const device = deviceEndpoints(fields, origin, token);
  if (device === null) return reject('a device endpoint off the server');
  return { ok: true, endpoints: { issuer: origin, authorization, token, session, signOut, revocation, issRequired, ...device, source: 'metadata' } };
}

/**
 * RFC 7009 revocation, as RFC 8414 §2 names it: usable by the app only when a public client may
 * call it (its auth methods default to client_secret_basic, which the app has no secret for).
 * Null when absent or not for public clients; undefined when it is off the server.
 */
function revocationEndpoint(fields: Record<string, unknown>, origin: string): string | null | undefined {
  if (fields.revocation_endpoint === undefined) return null;
  const revocation = endpointOn(fields.revocation_endpoint, origin);
  if (revocation === null) return undefined;
  return listHas(fields.revocation_endpoint_auth_methods_supported, 'none') ? revocation : null;
}

/**
 * Device sign-in (RFC 8628 §4): the device authorization endpoint, and where to poll, which is the
 * `desktop_device_token_endpoint` extension or else the token endpoint when it lists the device
 * grant. Both absent: no device sign-in. One of them off the server: null (the metadata is refused).
 */
function deviceEndpoints(
  fields: Record<string, unknown>,
  origin: string,
  token: string,
): { deviceAuthorization: string | null; deviceToken: string | null } | null {
  if (fields[deviceMetadataFields.authorizationEndpoint] === undefined) return { deviceAuthorization: null, deviceToken: null };
  const deviceAuthorization = endpointOn(fields[deviceMetadataFields.authorizationEndpoint], origin);
  if (deviceAuthorization === null) return null;
  if (fields[deviceMetadataFields.tokenEndpoint] !== undefined) {
    const deviceToken = endpointOn(fields[deviceMetadataFields.tokenEndpoint], origin);
    return deviceToken === null ? null : { deviceAuthorization, deviceToken };
  }
  return { deviceAuthorization, deviceToken: listHas(fields.grant_types_supported, handoff.deviceCodeGrantType) ? token : null };
}
