import { z } from 'zod';
import { handoff } from '../../contract/handoff';
import type { SignedInUser } from '../account/ports';
import { bearerTokenFields, errorBody, signedInUser, userBody } from '../auth/token-answer';
import { jsonBody, request, type RequestFailure } from '../http';
import type { Http } from '../ports';

/** §3.2: "If no value is provided, clients MUST use 5 as the default." */
export const defaultIntervalMs = 5_000;
/** §3.5: each `slow_down` adds 5 seconds to the interval, for this and every later request. */
export const slowDownStepMs = 5_000;
export const deviceRequestTimeoutMs = 15_000;

export interface DeviceCodeGrant {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | null;
  expiresInMs: number;
  intervalMs: number;
}

export type DeviceCodeResult =
  | { kind: 'code'; grant: DeviceCodeGrant }
  | { kind: 'network'; reason: NetworkReason }
  | { kind: 'refused'; error: string }
  | { kind: 'server'; reason: 'status' | 'malformed' };

/** Why no answer came: no connection, no answer in time, a refused certificate, or a redirect (a portal). */
export type NetworkReason = 'network' | 'timeout' | 'tls' | 'redirect';

/** What one poll of the token endpoint came to (§3.5). */
export type DevicePollResult =
  /** Signed in. `user` and `expiresAt` are null when the endpoint answers only the token (BetterAuth's own). */
  | { kind: 'token'; token: string; expiresAt: number | null; expiresInMs: number | null; date: string | null; user: SignedInUser | null }
  | { kind: 'pending' }
  | { kind: 'slowDown' }
  | { kind: 'denied' }
  | { kind: 'expired' }
  /** Any other refusal (invalid_grant, invalid_client, …): polling again will not help. */
  | { kind: 'refused'; error: string }
  | { kind: 'network'; reason: NetworkReason }
  /** A 5xx or an answer that is not the protocol's: the next poll may do better. */
  | { kind: 'server'; reason: 'status' | 'malformed' };

const seconds = z.number().int().positive().max(86_400);

const codeBody = z.object({
  device_code: z.string().min(1).max(512),
  user_code: z.string().regex(/^[A-Za-z0-9-]{4,32}$/u),
  verification_uri: z.string().min(1).max(512),
  verification_uri_complete: z.string().min(1).max(512).optional(),
  expires_in: seconds,
  interval: z.number().int().positive().max(600).optional(),
});

const tokenBody = z.object({
  ...bearerTokenFields,
  // A session lives days or months, unlike a device code.
  expires_in: z.number().int().positive().max(10 * 365 * 86_400).optional(),
  expires_at: z.string().datetime({ offset: true }).optional(),
  user: userBody.optional(),
});

/** An address on the server's own origin, so the code and the QR send people to the host only. */
function onOrigin(value: string, origin: string): boolean {
  try {
    const url = new URL(value);
    return url.origin === origin && !url.username && !url.password && !url.hash;
  } catch {
    return false;
  }
}

/** §3.1–3.2: asks for a device code and a user code for the registered desktop client. */
export async function requestDeviceCode(http: Http, endpoint: string, clientId: string, timeoutMs = deviceRequestTimeoutMs): Promise<DeviceCodeResult> {
  const sent = await request(
    http,
    endpoint,
    {
      method: 'POST',
      // §3.1: form-encoded, as every device authorization endpoint accepts.
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: clientId }).toString(),
      redirect: 'manual',
    },
    { timeoutMs },
  );
  if ('failure' in sent) return failed(sent.failure);
  const { answer } = sent;
  if (answer.status >= 500) return { kind: 'server', reason: 'status' };
  const body = jsonBody(answer);
  if (answer.status !== 200) {
    const error = errorBody.safeParse(body);
    return { kind: 'refused', error: error.success ? error.data.error : `http_${answer.status}` };
  }
  const parsed = codeBody.safeParse(body);
  if (!parsed.success) return { kind: 'server', reason: 'malformed' };
  const origin = new URL(endpoint).origin;
  const { device_code, user_code, verification_uri, verification_uri_complete, expires_in, interval } = parsed.data;
  if (!onOrigin(verification_uri, origin)) return { kind: 'server', reason: 'malformed' };
  const complete = verification_uri_complete !== undefined && onOrigin(verification_uri_complete, origin) ? verification_uri_complete : null;
  return {
    kind: 'code',
    grant: {
      deviceCode: device_code,
      userCode: user_code,
      verificationUri: verification_uri,
      verificationUriComplete: complete,
      expiresInMs: expires_in * 1000,
      intervalMs: interval === undefined ? defaultIntervalMs : interval * 1000,
    },
  };
}

/** §3.4: one poll of the token endpoint with the device code. */
export async function pollDeviceToken(
  http: Http,
  endpoint: string,
  poll: { clientId: string; deviceCode: string },
  timeoutMs = deviceRequestTimeoutMs,
): Promise<DevicePollResult> {
  const sent = await request(
    http,
    endpoint,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ grant_type: handoff.deviceCodeGrantType, device_code: poll.deviceCode, client_id: poll.clientId }),
      // JSON: BetterAuth's /device/token answers a form-encoded poll 415.
      // The device code goes to the token endpoint and nowhere else, not even through a redirect.
      redirect: 'manual',
    },
    { timeoutMs },
  );
  if ('failure' in sent) return failed(sent.failure);
  const { answer } = sent;
  if (answer.status >= 500) return { kind: 'server', reason: 'status' };
  const body = jsonBody(answer);
  if (answer.status === 200) return tokenFrom(body, answer.headers.get('date'));
  const error = errorBody.safeParse(body);
  // A rate limiter's 429 says the same as slow_down, in HTTP's words.
  if (!error.success) return answer.status === 429 ? { kind: 'slowDown' } : { kind: 'refused', error: `http_${answer.status}` };
  switch (error.data.error) {
    case 'authorization_pending':
      return { kind: 'pending' };
    case 'slow_down':
      return { kind: 'slowDown' };
    case 'access_denied':
      return { kind: 'denied' };
    case 'expired_token':
      return { kind: 'expired' };
    default:
      return { kind: 'refused', error: error.data.error };
  }
}

/** No complete answer: a body cut short or too large is the server's trouble, the rest the network's. */
function failed(failure: RequestFailure): { kind: 'network'; reason: NetworkReason } | { kind: 'server'; reason: 'status' } {
  if (failure === 'truncated' || failure === 'too_large') return { kind: 'server', reason: 'status' };
  return { kind: 'network', reason: failure };
}

function tokenFrom(body: unknown, date: string | null): DevicePollResult {
  const parsed = tokenBody.safeParse(body);
  if (!parsed.success) return { kind: 'server', reason: 'malformed' };
  const { access_token, expires_in, expires_at, user } = parsed.data;
  const expiresAt = expires_at === undefined ? null : Date.parse(expires_at);
  if (expiresAt !== null && !Number.isFinite(expiresAt)) return { kind: 'server', reason: 'malformed' };
  return {
    kind: 'token',
    token: access_token,
    expiresAt,
    expiresInMs: expires_in === undefined ? null : expires_in * 1000,
    date,
    user: user ? signedInUser(user) : null,
  };
}
