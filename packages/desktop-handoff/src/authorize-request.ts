import { handoffProtocol } from './protocol.js';
import type { DesktopClient, RedirectKind } from './clients.js';
import { matchRedirectUri } from './clients.js';
import { parsePrompt, promptParams, type SignInPrompt } from './authorize-prompt.js';

/** Upper bounds on what a browser may hand us; anything longer is refused, never stored. */
export const authorizeLimits = { clientId: 64, redirectUri: 512, state: 512, query: 4096 } as const;

/** A checked authorize request: everything the consent screen and the code are bound to. */
export interface AuthorizeRequest {
  client: DesktopClient;
  redirectUri: string;
  redirectKind: RedirectKind;
  state: string;
  codeChallenge: string;
  /** What the request asks of the sign-in: `prompt`, `login_hint`, `max_age`. */
  prompt: SignInPrompt;
  /** `fresh_after` as carried, unchecked: the plugin's own stamp (see fresh-sign-in.ts). */
  freshAfter: string | null;
}

export type AuthorizeCheck =
  | { kind: 'ok'; request: AuthorizeRequest }
  /** The client or redirect cannot be trusted: show a page, never redirect (RFC 6749 §4.1.2.1). */
  | { kind: 'page'; message: string }
  /** The redirect is trusted but the request is wrong: tell the app through it. */
  | { kind: 'redirect'; clientName: string; redirectUri: string; redirectKind: RedirectKind; error: 'invalid_request' | 'unsupported_response_type'; description: string; state: string | null };

/** RFC 6749 Appendix A.5: state is VSCHAR. */
const statePattern = /^[\x20-\x7E]+$/u;
/** RFC 7636 §4.2: BASE64URL(SHA-256) is exactly 43 characters. */
const challengePattern = /^[A-Za-z0-9_-]{43}$/u;
const known = ['response_type', 'client_id', 'redirect_uri', 'state', 'code_challenge', 'code_challenge_method', 'prompt', 'login_hint', 'max_age', 'fresh_after'];

function single(params: URLSearchParams, name: string): string | null | 'repeated' {
  const values = params.getAll(name);
  if (values.length > 1) return 'repeated';
  return values[0] ?? null;
}

export function checkAuthorizeRequest(params: URLSearchParams, clients: ReadonlyMap<string, DesktopClient>): AuthorizeCheck {
  if (params.toString().length > authorizeLimits.query) return { kind: 'page', message: 'This sign-in request is too long to be genuine.' };
  const clientId = single(params, 'client_id');
  const redirectUri = single(params, 'redirect_uri');
  if (clientId === null || clientId === 'repeated' || clientId.length > authorizeLimits.clientId) return { kind: 'page', message: 'This sign-in request does not say which app it is for.' };
  const client = clients.get(clientId);
  if (!client) return { kind: 'page', message: 'This sign-in request comes from an app this server does not know.' };
  if (redirectUri === null || redirectUri === 'repeated' || redirectUri.length > authorizeLimits.redirectUri) return { kind: 'page', message: 'This sign-in request does not say where to return to.' };
  const redirectKind = matchRedirectUri(client, redirectUri);
  if (!redirectKind) return { kind: 'page', message: 'This sign-in request asks to return somewhere the app never registered.' };

  const rawState = single(params, 'state');
  const state = typeof rawState === 'string' && rawState !== 'repeated' && rawState.length <= authorizeLimits.state && statePattern.test(rawState) ? rawState : null;
  const refuse = (description: string, error: 'invalid_request' | 'unsupported_response_type' = 'invalid_request'): AuthorizeCheck => ({
    kind: 'redirect',
    clientName: client.name,
    redirectUri,
    redirectKind,
    error,
    description,
    state,
  });
  if (state === null) return refuse(rawState === null ? 'state is required' : 'state is malformed');
  for (const name of known) if (params.getAll(name).length > 1) return refuse(`${name} is repeated`);
  const responseType = params.get('response_type');
  if (responseType === null) return refuse('response_type is required');
  // §4.1.2.1: a response type the server does not offer (`token`, the implicit grant) has its own code.
  if (responseType !== 'code') return refuse('response_type must be code', 'unsupported_response_type');
  const method = params.get('code_challenge_method');
  if (method !== handoffProtocol.codeChallengeMethod) return refuse('code_challenge_method must be S256');
  const codeChallenge = params.get('code_challenge');
  if (codeChallenge === null || !challengePattern.test(codeChallenge)) return refuse('code_challenge must be a S256 challenge');
  const prompt = parsePrompt(params);
  if (!prompt.ok) return refuse(prompt.description);
  const freshAfter = params.get('fresh_after');
  return { kind: 'ok', request: { client, redirectUri, redirectKind, state, codeChallenge, prompt: prompt.prompt, freshAfter: freshAfter !== null && freshAfter.length <= 80 ? freshAfter : null } };
}

/** The callback URL for a result: the redirect URI with RFC 6749 §4.1.2 parameters. */
export function callbackUrl(redirectUri: string, params: Record<string, string | null>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== null) query.set(name, value);
  return `${redirectUri}?${query.toString()}`;
}

/**
 * The authorize query, rebuilt from a checked request, for forms and "Use another account": what
 * was asked of the sign-in goes along, so the page the browser comes back to asks the same.
 */
export function authorizeQuery(request: AuthorizeRequest): string {
  return new URLSearchParams({
    response_type: 'code',
    client_id: request.client.clientId,
    redirect_uri: request.redirectUri,
    state: request.state,
    code_challenge: request.codeChallenge,
    code_challenge_method: handoffProtocol.codeChallengeMethod,
    ...promptParams(request.prompt),
    ...(request.freshAfter !== null && { fresh_after: request.freshAfter }),
  }).toString();
}
