/**
 * The desktop handoff protocol, shared by the server plugin and the app: OAuth 2.0
 * authorization-code with PKCE (RFC 7636) for a native app (RFC 8252).
 */
export const handoff = {
  /** Browser-facing page on the server's origin. */
  authorizePath: '/desktop/authorize',
  /** Where BetterAuth is mounted; the token endpoint lives under it. */
  authBasePath: '/api/auth',
  /** The code exchange, relative to the server origin. */
  tokenPath: '/api/auth/desktop/token',
  sessionPath: '/api/auth/get-session',
  signOutPath: '/api/auth/sign-out',
  revokeSessionPath: '/api/auth/revoke-session',
  healthPath: '/healthz',
  /** RFC 8414 §3: authorization server metadata, on the issuer's origin. */
  metadataPath: '/.well-known/oauth-authorization-server',
  /** The path every redirect URI ends in, custom scheme and loopback alike. */
  callbackPath: '/auth/callback',
  defaultClientId: 'latchkey-desktop',
  codeChallengeMethod: 'S256',
  /** RFC 8628 §3.1: BetterAuth's device authorization endpoint (the metadata names it absolutely). */
  deviceCodePath: '/api/auth/device/code',
  /** RFC 8628 §3.4: where the app polls for the device sign-in's token. */
  deviceTokenPath: '/api/auth/device/token',
  deviceCodeGrantType: 'urn:ietf:params:oauth:grant-type:device_code',
  /** RFC 8628 §3.3: the verification page on the server's origin. */
  devicePagePath: '/device',
  /**
   * The plugin's authorization codes: 43 letters and digits. Nothing a person adds while copying
   * one by hand (spaces, dashes) can be part of it, so the app drops those from a pasted code.
   */
  codePattern: '^[A-Za-z0-9]{43}$',
} as const;

/** Metadata fields (RFC 8414 §2) present only when the server offers device sign-in. */
export const deviceMetadataFields = {
  /** RFC 8628 §4. */
  authorizationEndpoint: 'device_authorization_endpoint',
  /** Extension: where to poll (BetterAuth's `/device/token`). */
  tokenEndpoint: 'desktop_device_token_endpoint',
  /** Extension: the page to open on the other device. */
  verificationUri: 'desktop_device_verification_uri',
} as const;

/** RFC 8628 §3.5 errors from the device token endpoint, each as `400 { error, error_description }`. */
export type DeviceTokenError =
  | 'authorization_pending'
  | 'slow_down'
  | 'expired_token'
  | 'access_denied'
  | 'invalid_grant'
  | 'invalid_client'
  | 'invalid_request';

/** RFC 8628 §3.2: the answer of the device authorization endpoint, in seconds. */
export interface DeviceCodeResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

/** RFC 8628 §3.5: the device token endpoint once approved; `access_token` is a BetterAuth session token. */
export interface DeviceTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** Errors the token endpoint and the authorize redirect can carry (RFC 6749 §4.1.2.1, §5.2). */
export type HandoffError =
  | 'invalid_request'
  | 'invalid_grant'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'access_denied'
  | 'server_error';

/** A successful exchange, as the token endpoint answers it. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds until the session ends (RFC 6749 §5.1). */
  expires_in: number;
  expires_at: string;
  user: { id: string; email: string; name: string; image: string | null };
}

/**
 * Authorization server metadata (RFC 8414 §2), as the plugin serves it. The `desktop_*` fields are
 * extensions (§2 allows them) naming BetterAuth's own session endpoints wherever the host mounts it.
 */
export interface AuthorizationServerMetadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  response_types_supported: string[];
  grant_types_supported: string[];
  code_challenge_methods_supported: string[];
  token_endpoint_auth_methods_supported: string[];
  /** RFC 9207 §3: every authorization response carries `iss`. */
  authorization_response_iss_parameter_supported: boolean;
  desktop_session_endpoint: string;
  desktop_sign_out_endpoint: string;
  /** RFC 8628 §4; present only when the server offers device sign-in (as are the next two). */
  device_authorization_endpoint?: string;
  desktop_device_token_endpoint?: string;
  desktop_device_verification_uri?: string;
}

/** The redirect URI for a custom scheme: `<scheme>:/auth/callback` (RFC 8252 §7.1). */
export function schemeRedirectUri(scheme: string): string {
  return `${scheme}:${handoff.callbackPath}`;
}

/** The registered loopback redirect; any port is accepted at run time (RFC 8252 §7.3). */
export const loopbackRedirectBase = `http://127.0.0.1${handoff.callbackPath}`;
