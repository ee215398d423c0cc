/**
 * The handoff protocol's names on the server side: OAuth 2.0 authorization code with PKCE
 * (RFC 7636) for a native app (RFC 8252). The app keeps its own copy of these names in its
 * contract; a test in the app checks that both agree.
 */
export const handoffProtocol = {
  /** The browser-facing page, at the host's origin (the host routes it to `{basePath}/desktop/authorize`). */
  authorizePath: '/desktop/authorize',
  /** The code exchange, under BetterAuth's base path. */
  tokenEndpoint: '/desktop/token',
  /** RFC 8414 §3: authorization server metadata, under the base path; the host routes its origin's here. */
  metadataPath: '/.well-known/oauth-authorization-server',
  /** RFC 7636 §4.2: the only challenge method accepted. */
  codeChallengeMethod: 'S256',
  /** Every authorization code: 43 letters and digits, so a space or dash in a pasted one was added by a person. */
  codePattern: '^[A-Za-z0-9]{43}$',
} as const;

/** Errors the token endpoint and the authorize redirect can carry (RFC 6749 §4.1.2.1, §5.2). */
export type HandoffError = 'invalid_request' | 'invalid_grant' | 'invalid_client' | 'unsupported_grant_type' | 'access_denied' | 'server_error';

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
}
