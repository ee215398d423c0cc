import { createAuthEndpoint } from 'better-auth/api';
import type { GenericEndpointContext } from 'better-auth';
import type { HandoffSettings } from './handoff-settings.js';
import { deviceSignIn } from './device-sign-in.js';
import { handoffProtocol, type AuthorizationServerMetadata } from './protocol.js';
import { promptValues } from './authorize-prompt.js';

/**
 * The issuer identifier (RFC 8414 §2): the host's origin, with no path, so its metadata lives at
 * `{origin}/.well-known/oauth-authorization-server` (§3) wherever BetterAuth itself is mounted.
 */
export function issuerOf(ctx: GenericEndpointContext): string {
  return new URL(ctx.context.baseURL).origin;
}

export function serverMetadata(ctx: GenericEndpointContext, settings: HandoffSettings): AuthorizationServerMetadata {
  const issuer = issuerOf(ctx);
  const base = ctx.context.baseURL.replace(/\/$/u, '');
  const device = deviceSignIn(ctx);
  return {
    issuer,
    authorization_endpoint: `${issuer}${settings.authorizePagePath}`,
    token_endpoint: `${base}${handoffProtocol.tokenEndpoint}`,
    response_types_supported: ['code'],
    grant_types_supported: device ? ['authorization_code', handoffProtocol.deviceCodeGrantType] : ['authorization_code'],
    code_challenge_methods_supported: [handoffProtocol.codeChallengeMethod],
    // Native apps are public clients (RFC 8252 §8.4): PKCE, not a secret, proves the caller.
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint: `${base}${handoffProtocol.revocationEndpoint}`,
    revocation_endpoint_auth_methods_supported: ['none'],
    authorization_response_iss_parameter_supported: true,
    prompt_values_supported: [...promptValues],
    desktop_session_endpoint: `${base}/get-session`,
    desktop_sign_out_endpoint: `${base}/sign-out`,
    ...(device && {
      device_authorization_endpoint: `${base}${handoffProtocol.deviceCodeEndpoint}`,
      desktop_device_token_endpoint: `${base}${handoffProtocol.deviceTokenEndpoint}`,
      desktop_device_verification_uri: device.verificationUri,
    }),
  };
}

/**
 * `GET {basePath}/.well-known/oauth-authorization-server`. A host routes its origin's
 * `/.well-known/oauth-authorization-server` here, as it routes `/desktop/authorize`.
 */
export function metadataEndpoint(settings: HandoffSettings) {
  return {
    desktopServerMetadata: createAuthEndpoint(handoffProtocol.metadataPath, { method: 'GET' }, async (ctx) => {
      return new Response(JSON.stringify(serverMetadata(ctx, settings)), {
        headers: {
          'content-type': 'application/json',
          'cache-control': 'public, max-age=300',
          // Public facts: any origin may read them (a browser-based client discovering us).
          'access-control-allow-origin': '*',
        },
      });
    }),
  };
}
