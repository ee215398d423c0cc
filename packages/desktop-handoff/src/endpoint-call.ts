import type { GenericEndpointContext } from 'better-auth';
import { dispatchAuthEndpoint, isAPIError } from 'better-auth/api';

type Endpoint = Parameters<typeof dispatchAuthEndpoint>[0];
type Context = GenericEndpointContext['context'];

/** What one of BetterAuth's endpoints answered, read the same whether it succeeded or refused. */
export interface EndpointAnswer {
  status: number;
  body: Record<string, unknown> | null;
  /** BetterAuth's error code (`INVALID_EMAIL_OR_PASSWORD`, …), when it refused. */
  code: string | null;
  /** Its message, when it refused: a host hook's own sentence, for one. */
  message: string | null;
  /** Every Set-Cookie it sent: session, second-factor and state cookies the browser must receive. */
  cookies: string[];
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function answerOf(status: number, body: Record<string, unknown> | null, headers: Headers): EndpointAnswer {
  const code = typeof body?.code === 'string' ? body.code : null;
  const message = typeof body?.message === 'string' ? body.message : null;
  return { status, body, code: status >= 400 ? code : null, message: status >= 400 ? message : null, cookies: headers.getSetCookie() };
}

/**
 * Runs one of BetterAuth's own endpoints for a page's form, through `dispatchAuthEndpoint`:
 * BetterAuth's documented way for a plugin to re-enter its pipeline, so the host's `before` and
 * `after` hooks, every plugin's hooks (twoFactor's challenge, captcha, …) and the endpoint's own
 * checks of the host's options all run (better-auth src/api/dispatch.ts). The browser's headers
 * go with it, so cookies (a session, a second-factor challenge) are read as they would be.
 * `context` lets a caller narrow one option for this call only.
 */
export async function callEndpoint(ctx: GenericEndpointContext, endpoint: Endpoint, body: Record<string, unknown>, context: Context = ctx.context): Promise<EndpointAnswer> {
  return dispatch(ctx, endpoint, { body }, context);
}

/** The same, for a GET endpoint that reads its query (BetterAuth's `GET /device`). */
export function callQueryEndpoint(ctx: GenericEndpointContext, endpoint: Endpoint, query: Record<string, string>): Promise<EndpointAnswer> {
  return dispatch(ctx, endpoint, { query }, ctx.context);
}

async function dispatch(ctx: GenericEndpointContext, endpoint: Endpoint, input: { body?: Record<string, unknown>; query?: Record<string, string> }, context: Context): Promise<EndpointAnswer> {
  try {
    const response = (await dispatchAuthEndpoint(endpoint, { context, ...input, headers: ctx.headers, asResponse: true })) as Response;
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(await response.text());
    } catch {
      parsed = null;
    }
    return answerOf(response.status, record(parsed), response.headers);
  } catch (error) {
    // A `before` hook's refusal is thrown rather than answered.
    if (!isAPIError(error)) throw error;
    return answerOf(error.statusCode, record(error.body), new Headers(error.headers ?? undefined));
  }
}

/** A page answer carrying the cookies BetterAuth set, exactly as it sent them. */
export function withCookies(response: Response, cookies: readonly string[]): Response {
  for (const cookie of cookies) response.headers.append('set-cookie', cookie);
  return response;
}
