import type { GenericEndpointContext } from 'better-auth';
import { refusal } from './answers.js';
import { authorizeQuery, type AuthorizeRequest } from './authorize-request.js';
import { deviceProblemOf, deviceProblems, lookUpDeviceCode } from './device-code.js';
import { checkCarriedQuery, devicePaths, returnAddress, type HandoffSettings } from './handoff-settings.js';
import { deviceProblemScreen } from './pages/device-screens.js';
import { normalizeUserCode } from './user-code.js';

/**
 * What a sign-in on the plugin's pages is for, and where it goes once BetterAuth has signed the
 * person in: the desktop authorize page (its consent screen), or the device page (its approval).
 * The sign-in forms carry it in their hidden `authorize_query` field: the authorize query, or
 * `user_code=…` for the device page.
 */
export interface Continuation {
  /** The app the person signs in for: the client's registered name. */
  clientName: string;
  /** The value the forms carry. */
  query: string;
  /** The path back, on the host's origin. */
  returnAddress: string;
}

export function authorizeContinuation(settings: HandoffSettings, request: AuthorizeRequest): Continuation {
  const query = authorizeQuery(request);
  return { clientName: request.client.name, query, returnAddress: returnAddress(settings, query) };
}

/** The device page for a code, on the host's origin: `/device?user_code=…`. */
export function devicePageAddress(settings: HandoffSettings, userCode: string): string {
  return `${settings.devicePagePath}?${new URLSearchParams({ user_code: userCode })}`;
}

export function deviceContinuation(settings: HandoffSettings, userCode: string, clientName: string): Continuation {
  const query = new URLSearchParams({ user_code: userCode }).toString();
  return { clientName, query, returnAddress: devicePageAddress(settings, userCode) };
}

function carried(body: Record<string, unknown>): string | null {
  const value = body.authorize_query;
  return typeof value === 'string' && value.length <= 4096 ? value : null;
}

/**
 * Re-checks what a sign-in form carried back, exactly as its page did: an authorize request, or a
 * device code still waiting. Answers the continuation, or the page that explains why not.
 */
export async function readContinuation(ctx: GenericEndpointContext, settings: HandoffSettings, body: Record<string, unknown>): Promise<Continuation | Response> {
  const query = carried(body);
  const params = query === null ? null : new URLSearchParams(query);
  if (params && params.has('user_code') && !params.has('client_id')) {
    const userCode = normalizeUserCode(params.get('user_code'));
    if (!userCode) return deviceProblemScreen(devicePaths(ctx, settings), deviceProblems.malformed);
    const state = await lookUpDeviceCode(ctx, settings, userCode);
    if (state.kind !== 'pending') return deviceProblemScreen(devicePaths(ctx, settings), deviceProblemOf(state));
    return deviceContinuation(settings, userCode, state.clientName);
  }
  const check = checkCarriedQuery(settings, body);
  if (check.kind !== 'ok') return refusal(ctx, check);
  return authorizeContinuation(settings, check.request);
}
