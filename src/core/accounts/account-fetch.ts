import type { Http } from '../ports';
import { createAuthenticatedFetch } from '../session/authenticated-fetch';
import type { Account } from '../account/account';
import type { AccountKey, Accounts } from './accounts';

export class UnknownAccountError extends Error {
  constructor(key: AccountKey) {
    super(`No account for user ${key.userId} at ${key.serverOrigin} is signed in here.`);
    this.name = 'UnknownAccountError';
  }
}

/** One account's `fetch`: its token, its revalidation, and only its own server. */
function fetchAs(http: Http, account: () => Account): Http {
  return createAuthenticatedFetch({
    http,
    token: () => account().token,
    revalidate: () => account().revalidate(),
    serverOrigin: () => account().serverOrigin,
  });
}

/**
 * `authenticatedFetch` over several accounts: the active one's by default (whichever is active
 * when the request is made), or a named one's. Each token goes only to its own server.
 */
export function accountsFetch(accounts: Accounts, http: Http): { active: Http; as(key: AccountKey): Http } {
  return {
    active: fetchAs(http, () => accounts.active),
    as(key) {
      // Looked up on every request: an account signed out since is named as gone, not as signed out.
      const account = () => accounts.find(key) ?? raise(new UnknownAccountError(key));
      account();
      return fetchAs(http, account);
    },
  };
}

function raise(error: Error): never {
  throw error;
}
