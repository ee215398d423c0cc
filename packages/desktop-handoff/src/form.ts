import type { GenericEndpointContext } from 'better-auth';
import { readContinuation, type Continuation } from './continuation.js';
import { isSameOriginPost } from './csrf.js';
import { pagePaths, type HandoffSettings } from './handoff-settings.js';
import { errorScreen } from './pages/screens.js';

export const formTypes = { allowedMediaTypes: ['application/x-www-form-urlencoded'] };

export function text(body: Record<string, unknown>, name: string, max: number): string {
  const value = body[name];
  return typeof value === 'string' ? value.slice(0, max) : '';
}

/**
 * What every page form checks first: posted from our own page (login CSRF, RFC 9700 §4.7:
 * another site must not sign the browser in to an account of its choosing), and still carrying
 * a valid authorize request or waiting device code. Answers the refusal page, or the form's
 * fields and where the sign-in continues.
 */
export async function readForm(ctx: GenericEndpointContext, settings: HandoffSettings): Promise<Response | { body: Record<string, unknown>; continuation: Continuation }> {
  if (!isSameOriginPost(ctx.request, new URL(ctx.context.baseURL).origin)) {
    return errorScreen(pagePaths(ctx), 'This sign-in did not come from the sign-in page, so it was ignored.', 403);
  }
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const continuation = await readContinuation(ctx, settings, body);
  return continuation instanceof Response ? continuation : { body, continuation };
}
