import { codePattern } from './authorization-code.js';
import { handoffProtocol } from './protocol.js';

/** A token request with every field present and well-formed (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export interface TokenRequest {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  clientId: string;
}

/** RFC 8628 §3.4: a device access token request. */
export interface DeviceGrantRequest {
  deviceCode: string;
  clientId: string;
}

/** What a token request can be refused with before any code is judged (RFC 6749 §5.2). */
export type TokenRequestError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type';

export type TokenRequestParse =
  | { ok: true; grant: 'authorization_code'; request: TokenRequest }
  | { ok: true; grant: 'device_code'; request: DeviceGrantRequest }
  /** `code` is set when the code itself was readable, so it can be spent even though we refuse. */
  | { ok: false; error: TokenRequestError; code: string | null };

export const maxTokenBodyBytes = 8192;
/** RFC 7636 §4.1: 43–128 unreserved characters. */
const verifierPattern = /^[A-Za-z0-9._~-]{43,128}$/u;

function field(body: Record<string, unknown>, name: string, max: number): string | null {
  const value = body[name];
  return typeof value === 'string' && value.length > 0 && value.length <= max ? value : null;
}

/** Reads a JSON or form body; anything else, or anything too large, is not a token request. */
export async function readTokenBody(request: Request | undefined): Promise<Record<string, unknown> | null> {
  if (!request) return null;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  let text: string;
  try {
    text = await request.text();
  } catch {
    return null;
  }
  if (text.length > maxTokenBodyBytes) return null;
  if (type === 'application/json') {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
  if (type === 'application/x-www-form-urlencoded') {
    const params = new URLSearchParams(text);
    const body: Record<string, unknown> = {};
    for (const name of new Set(params.keys())) body[name] = params.getAll(name).length === 1 ? params.get(name) : null;
    return body;
  }
  return null;
}

/**
 * A token request, read in RFC 6749 §5.2's order: a malformed request, then the client, then the
 * grant. `isClient` says whether a client id is registered. `deviceGrant` is false when the host
 * runs no device sign-in, so its grant type is as unknown as any other.
 */
export function parseTokenRequest(body: Record<string, unknown> | null, isClient: (clientId: string) => boolean, deviceGrant: boolean): TokenRequestParse {
  if (!body) return { ok: false, error: 'invalid_request', code: null };
  const rawCode = field(body, 'code', 64);
  const code = rawCode !== null && codePattern.test(rawCode) ? rawCode : null;
  const refuse = (error: TokenRequestError): TokenRequestParse => ({ ok: false, error, code });
  const grantType = field(body, 'grant_type', 64);
  if (grantType === null) return refuse('invalid_request');
  if (grantType !== 'authorization_code' && !(deviceGrant && grantType === handoffProtocol.deviceCodeGrantType)) return refuse('unsupported_grant_type');
  const clientId = field(body, 'client_id', 64);
  // §3.2.1: a public client names itself with client_id; §5.2: an unknown one is invalid_client.
  if (clientId === null) return refuse('invalid_request');
  if (!isClient(clientId)) return refuse('invalid_client');
  if (grantType !== 'authorization_code') {
    const deviceCode = field(body, 'device_code', 256);
    return deviceCode === null ? refuse('invalid_request') : { ok: true, grant: 'device_code', request: { deviceCode, clientId } };
  }
  const codeVerifier = field(body, 'code_verifier', 128);
  const redirectUri = field(body, 'redirect_uri', 512);
  if (code === null || codeVerifier === null || !verifierPattern.test(codeVerifier) || redirectUri === null) return refuse('invalid_request');
  return { ok: true, grant: 'authorization_code', request: { code, codeVerifier, redirectUri, clientId } };
}
