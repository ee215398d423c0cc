import type { GenericEndpointContext } from 'better-auth';
import { callEndpoint } from './endpoint-call.js';
import { noStore } from './oauth-answers.js';
import { handoffProtocol } from './protocol.js';
import type { DeviceGrantRequest } from './token-request.js';

type Endpoint = Parameters<typeof callEndpoint>[1];

/**
 * The device code grant at the advertised `token_endpoint` (RFC 8628 §3.4), or null when the host
 * runs no `deviceAuthorization`. BetterAuth's own `/device/token` decides everything (pending,
 * slow_down, expiry, the one-time claim, the session), reached through `dispatchAuthEndpoint` so
 * the host's hooks run; its JSON answer and status pass through as RFC 8628 §3.5 defines them.
 */
export function deviceGrant(ctx: GenericEndpointContext): ((request: DeviceGrantRequest) => Promise<Response>) | null {
  const plugin = ctx.context.getPlugin('device-authorization') as { endpoints?: { deviceToken?: Endpoint } } | null;
  const endpoint = plugin?.endpoints?.deviceToken;
  if (!endpoint) return null;
  return async ({ deviceCode, clientId }) => {
    const answer = await callEndpoint(ctx, endpoint, { grant_type: handoffProtocol.deviceCodeGrantType, device_code: deviceCode, client_id: clientId });
    const body = answer.status >= 500 || answer.body === null ? { error: 'server_error' } : answer.body;
    return new Response(JSON.stringify(body), { status: answer.status >= 500 ? 500 : answer.status, headers: noStore });
  };
}
