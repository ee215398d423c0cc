/**
 * The handoff protocol's names and wire types: OAuth 2.0 authorization code with PKCE (RFC 7636)
 * for a native app (RFC 8252). Imports nothing, so a desktop app can take them from
 * `@latchkey/desktop-handoff/protocol` without BetterAuth; Latchkey's own contract does.
 */
export const handoffProtocol = {
  /** The browser-facing page, at the host's origin (the host routes it to `{basePath}/desktop/authorize`). */
  authorizePath: '/desktop/authorize',
  /** The code exchange, under BetterAuth's base path. */
  tokenEndpoint: '/desktop/token',
  /** RFC 7009 §2: token revocation, under the base path. */
  revocationEndpoint: '/desktop/revoke',
  /** RFC 8414 §3: authorization server metadata, under the base path; the host routes its origin's here. */
  metadataPath: '/.well-known/oauth-authorization-server',
  /** RFC 7636 §4.2: the only challenge method accepted. */
  codeChallengeMethod: 'S256',
  /** RFC 8628 §3.1: BetterAuth's deviceAuthorization endpoint, under the base path. */
  deviceCodeEndpoint: '/device/code',
  /** RFC 8628 §3.4: where the app polls, under the base path (BetterAuth's, not `tokenEndpoint`). */
  deviceTokenEndpoint: '/device/token',
  /** RFC 8628 §3.4: the grant type the app polls with. */
  deviceCodeGrantType: 'urn:ietf:params:oauth:grant-type:device_code',
  /** RFC 8628 §3.3: the verification page, at the host's origin (the host routes it to `devicePageEndpoint`). */
  devicePagePath: '/device',
  /** The plugin's verification page, under the base path (BetterAuth's own `{basePath}/device` is its JSON API). */
  devicePageEndpoint: '/desktop/device',
  /** Every authorization code: 43 letters and digits, so a space or dash in a pasted one was added by a person. */
  codePattern: '^[A-Za-z0-9]{43}$',
} as const;

/**
 * The metadata fields (RFC 8414 §2) the plugin adds when the host runs BetterAuth's
 * `deviceAuthorization`; absent otherwise, so an app knows whether device sign-in is offered.
 */
export const deviceMetadataFields = {
  /** RFC 8628 §4: the absolute URL of `{basePath}/device/code`. */
  authorizationEndpoint: 'device_authorization_endpoint',
  /**
   * Extension: the absolute URL of `{basePath}/device/token`, where apps before the device grant
   * reached `token_endpoint` polled; the token endpoint takes the same poll (RFC 8628 §3.4).
   */
  tokenEndpoint: 'desktop_device_token_endpoint',
  /** Extension: the page a person opens on the other device (the `verification_uri` every code carries). */
  verificationUri: 'desktop_device_verification_uri',
} as const;

/** Errors the token endpoint and the authorize redirect can carry (RFC 6749 §4.1.2.1, §5.2; OpenID Connect Core §3.1.2.6). */
export type HandoffError =
  | 'invalid_request'
  | 'invalid_grant'
  | 'invalid_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'access_denied'
  | 'server_error'
  /** OpenID Connect Core §3.1.2.6, answered to `prompt=none` only. */
  | 'login_required'
  | 'consent_required';

/** RFC 8628 §3.5 errors from `/device/token`, each as `400 { error, error_description }`. */
export type DeviceTokenError = 'authorization_pending' | 'slow_down' | 'expired_token' | 'access_denied' | 'invalid_grant' | 'invalid_client' | 'invalid_request';

/** RFC 8628 §3.2: the answer of `/device/code`. Seconds, as the RFC counts them. */
export interface DeviceCodeResponse {
  device_code: string;
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  expires_in: number;
  interval: number;
}

/** RFC 8628 §3.5 / RFC 6749 §5.1: `/device/token` once approved; `access_token` is a BetterAuth session token. */
export interface DeviceTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

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
  /** RFC 7009 §2 (named in the metadata by RFC 8414 §2): ends the session a token belongs to. */
  revocation_endpoint: string;
  revocation_endpoint_auth_methods_supported: string[];
  /** RFC 9207 §3: every authorization response carries `iss`. */
  authorization_response_iss_parameter_supported: boolean;
  /**
   * OpenID Connect Prompt Create §4.1: the `prompt` values the authorize page honours (`none`,
   * `login`, `consent`, `select_account`, `create`); any other is refused with `invalid_request`.
   */
  prompt_values_supported: string[];
  desktop_session_endpoint: string;
  desktop_sign_out_endpoint: string;
  /** RFC 8628 §4; present only when the host runs `deviceAuthorization` (as are the next two). */
  device_authorization_endpoint?: string;
  desktop_device_token_endpoint?: string;
  desktop_device_verification_uri?: string;
}
