import { handoff } from '../../contract/handoff';

export interface AuthorizeRequest {
  /** The configured server origin; the browser is only ever sent there. */
  serverOrigin: string;
  /** The discovered authorization endpoint on that origin. @default `{origin}/desktop/authorize` */
  authorizationEndpoint?: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  /** OpenID Connect Core §3.1.2.1: `select_account` when adding an account, `login` for a fresh password. */
  prompt?: 'select_account' | 'login';
  /** OpenID Connect Core §3.1.2.1: who the page should ask for, when renewing a known account. */
  loginHint?: string;
}

/** `GET {authorization endpoint}?…` with the S256 challenge (RFC 7636 §4.3). */
export function authorizeUrl(request: AuthorizeRequest): string {
  const origin = new URL(request.serverOrigin);
  if (origin.origin !== request.serverOrigin.replace(/\/$/u, '') || !['https:', 'http:'].includes(origin.protocol)) {
    throw new TypeError(`The sign-in server must be an http(s) origin without a path; got ${JSON.stringify(request.serverOrigin)}.`);
  }
  const url = new URL(request.authorizationEndpoint ?? handoff.authorizePath, origin.origin);
  if (url.origin !== origin.origin) throw new TypeError('The authorization endpoint must be on the sign-in server’s origin.');
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: handoff.codeChallengeMethod,
    ...(request.prompt ? { prompt: request.prompt } : {}),
    ...(request.loginHint ? { login_hint: request.loginHint } : {}),
  }).toString();
  return url.href;
}
