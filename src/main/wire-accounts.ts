import type { CommandHandlers } from '../contract/commands';
import type { AccountListView } from '../contract/view';
import type { Account } from '../core/account/account';
import type { AccountState } from '../core/account/state';
import { toAccountListView } from '../core/accounts/account-list-view';
import { accountsFetch } from '../core/accounts/account-fetch';
import { accountLimit, Accounts, type AccountsDeps } from '../core/accounts/accounts';
import type { SignInVia } from '../core/account/ports';
import type { AccountSlot } from '../core/vault/records';
import { failed } from '../contract/outcome';
import type { ServerDirectory } from '../core/auth/server-directory';
import { checkServer, parseServerAddress, serverAddressMessages } from '../core/accounts/server-address';

/** The accounts, their commands, their list for the view, and `authenticatedFetch` over them. */
export function wireAccounts(deps: AccountsDeps, defaultVia: Promise<SignInVia>, servers?: Pick<ServerDirectory, 'learn'>) {
  const accounts = new Accounts(deps);
  const fetches = accountsFetch(accounts, deps.http);
  const slotOf = (id: string) => Number(id) as AccountSlot;
  const handlers: Pick<CommandHandlers, 'addAccount' | 'addAccountOnServer' | 'selectAccount' | 'signOutAccount' | 'signOutAll'> = {
    addAccount: async () => accounts.add(await defaultVia),
    addAccountOnServer: async ({ address }) => {
      if (!deps.config.allowOtherServers) return failed('not_supported', serverAddressMessages.pinned);
      const parsed = parseServerAddress(address);
      if (!parsed.ok) return failed('invalid_server_address', parsed.message);
      // Refused before the server is asked: nothing is sent anywhere when no account can be added.
      const refused = accounts.additionRefused();
      if (refused) return refused;
      if (parsed.origin !== deps.serverOrigin) {
        const checked = await checkServer(deps.http, parsed.origin, deps.logger);
        if (!checked.ok) return checked;
        servers?.learn(parsed.origin, checked.endpoints);
      }
      return accounts.add(await defaultVia, parsed.origin);
    },
    selectAccount: ({ id }) => accounts.select(slotOf(id)),
    signOutAccount: ({ id }) => accounts.signOut(slotOf(id)),
    signOutAll: () => accounts.signOutAll(),
  };
  const list = (): AccountListView =>
    toAccountListView(
      accounts.list().map(({ slot, account }) => ({ id: String(slot), state: account.state, serverOrigin: account.serverOrigin, active: slot === accounts.activeSlot })),
      accountLimit,
      accounts.adding,
      deps.config.allowOtherServers,
    );
  /**
   * What an update's restart must not interrupt: any account's sign-in, not only the active one's.
   * Shaped like one account, for the updater that watches one.
   */
  const anySigningIn: Pick<Account, 'state' | 'onChange'> = {
    get state(): AccountState {
      return accounts.list().find(({ account }) => account.state.kind === 'signingIn')?.account.state ?? accounts.active.state;
    },
    onChange: (listener) => accounts.onChange(() => listener(anySigningIn.state)),
  };
  return { accounts, handlers, list, anySigningIn, authenticatedFetch: fetches.active, authenticatedFetchAs: fetches.as };
}
