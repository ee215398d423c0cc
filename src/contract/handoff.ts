import { handoffProtocol } from '@latchkey/desktop-handoff/protocol';

export {
  deviceMetadataFields,
  type AuthorizationServerMetadata,
  type DeviceCodeResponse,
  type DeviceTokenError,
  type DeviceTokenResponse,
  type HandoffError,
  type TokenResponse,
} from '@latchkey/desktop-handoff/protocol';

/** Where the reference server mounts BetterAuth; the plugin's endpoints live under it. */
const authBasePath = '/api/auth';

/**
 * The desktop handoff protocol as the app uses it: the plugin's names (one definition, in the
 * plugin package) placed on the reference server's origin, plus BetterAuth's own session paths.
 * A host of its own may put them elsewhere; the app then learns its endpoints from the metadata.
 */
export const handoff = {
  /** Browser-facing page on the server's origin. */
  authorizePath: handoffProtocol.authorizePath,
  authBasePath,
  /** The code exchange, relative to the server origin. */
  tokenPath: `${authBasePath}${handoffProtocol.tokenEndpoint}`,
  sessionPath: `${authBasePath}/get-session`,
  signOutPath: `${authBasePath}/sign-out`,
  revokeSessionPath: `${authBasePath}/revoke-session`,
  healthPath: '/healthz',
  /** RFC 8414 §3: authorization server metadata, on the issuer's origin. */
  metadataPath: handoffProtocol.metadataPath,
  /** The path every redirect URI ends in, custom scheme and loopback alike. */
  callbackPath: '/auth/callback',
  defaultClientId: 'latchkey-desktop',
  codeChallengeMethod: handoffProtocol.codeChallengeMethod,
  /** RFC 8628 §3.1: BetterAuth's device authorization endpoint (the metadata names it absolutely). */
  deviceCodePath: `${authBasePath}${handoffProtocol.deviceCodeEndpoint}`,
  /** RFC 8628 §3.4: where the app polls for the device sign-in's token. */
  deviceTokenPath: `${authBasePath}${handoffProtocol.deviceTokenEndpoint}`,
  deviceCodeGrantType: handoffProtocol.deviceCodeGrantType,
  /** RFC 8628 §3.3: the verification page on the server's origin. */
  devicePagePath: handoffProtocol.devicePagePath,
  /**
   * The plugin's authorization codes: 43 letters and digits. Nothing a person adds while copying
   * one by hand (spaces, dashes) can be part of it, so the app drops those from a pasted code.
   */
  codePattern: handoffProtocol.codePattern,
} as const;

/** The redirect URI for a custom scheme: `<scheme>:/auth/callback` (RFC 8252 §7.1). */
export function schemeRedirectUri(scheme: string): string {
  return `${scheme}:${handoff.callbackPath}`;
}

/** The registered loopback redirect; any port is accepted at run time (RFC 8252 §7.3). */
export const loopbackRedirectBase = `http://127.0.0.1${handoff.callbackPath}`;
