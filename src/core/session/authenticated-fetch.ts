import type { Http } from '../ports';
import { singleFlight } from './single-flight';

export interface AuthenticatedFetchDeps {
  http: Http;
  /** The current token, or null when signed out. */
  token(): string | null;
  /** Asks the server about the session; resolves true while it is still valid. */
  revalidate(): Promise<boolean>;
  /** The account's server: a request anywhere else is refused before the token leaves. @default any origin */
  serverOrigin?: () => string;
}

export class OtherServerError extends Error {
  constructor(origin: string, serverOrigin: string) {
    super(`This account's session is only sent to ${serverOrigin}, not to ${origin}.`);
    this.name = 'OtherServerError';
  }
}

export class NotSignedInError extends Error {
  constructor() {
    super('Sign in to Latchkey first.');
    this.name = 'NotSignedInError';
  }
}

/**
 * `fetch` for app features in the main process: attaches the Bearer token. On a 401 it
 * revalidates once, shared by every request that sees a 401 meanwhile; if the session is still
 * valid the request is tried once more, otherwise the account reports itself expired.
 */
export function createAuthenticatedFetch(deps: AuthenticatedFetchDeps): Http {
  const revalidate = singleFlight(deps.revalidate);
  const send = (input: string | URL, init: RequestInit | undefined, token: string) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return deps.http(input, { ...init, headers });
  };
  return async (input, init) => {
    if (deps.serverOrigin) {
      const origin = new URL(input instanceof URL ? input.href : input).origin;
      const own = new URL(deps.serverOrigin()).origin;
      if (origin !== own) throw new OtherServerError(origin, own);
    }
    const token = deps.token();
    if (!token) throw new NotSignedInError();
    const response = await send(input, init, token);
    if (response.status !== 401) return response;
    const stillValid = await revalidate();
    const current = deps.token();
    if (!stillValid || !current) return response;
    return send(input, init, current);
  };
}
