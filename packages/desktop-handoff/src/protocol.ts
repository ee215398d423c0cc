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
  /** RFC 7636 §4.2: the only challenge method accepted. */
  codeChallengeMethod: 'S256',
} as const;

/** Errors the token endpoint and the authorize redirect can carry (RFC 6749 §4.1.2.1, §5.2). */
export type HandoffError = 'invalid_request' | 'invalid_grant' | 'invalid_client' | 'unsupported_grant_type' | 'access_denied' | 'server_error';

/** A successful exchange, as the token endpoint answers it. */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_at: string;
  user: { id: string; email: string; name: string; image: string | null };
}
