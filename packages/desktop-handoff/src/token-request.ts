import { codePattern } from './authorization-code.js';

/** A token request with every field present and well-formed (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export interface TokenRequest {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  clientId: string;
}

export type TokenRequestParse =
  | { ok: true; request: TokenRequest }
  /** `code` is set when the code itself was readable, so it can be spent even though we refuse. */
  | { ok: false; error: 'invalid_request' | 'unsupported_grant_type'; code: string | null };

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

export function parseTokenRequest(body: Record<string, unknown> | null): TokenRequestParse {
  if (!body) return { ok: false, error: 'invalid_request', code: null };
  const rawCode = field(body, 'code', 64);
  const code = rawCode !== null && codePattern.test(rawCode) ? rawCode : null;
  const refuse = (error: 'invalid_request' | 'unsupported_grant_type'): TokenRequestParse => ({ ok: false, error, code });
  const grantType = field(body, 'grant_type', 64);
  if (grantType === null) return refuse('invalid_request');
  if (grantType !== 'authorization_code') return refuse('unsupported_grant_type');
  const codeVerifier = field(body, 'code_verifier', 128);
  const redirectUri = field(body, 'redirect_uri', 512);
  const clientId = field(body, 'client_id', 64);
  if (code === null || codeVerifier === null || !verifierPattern.test(codeVerifier) || redirectUri === null || clientId === null) return refuse('invalid_request');
  return { ok: true, request: { code, codeVerifier, redirectUri, clientId } };
}
