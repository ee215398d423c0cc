import type { AccountItemView, AccountListView } from '../../contract/view';
import type { AccountState } from '../account/state';
import { profileView } from '../account/view';
import { accountMessages } from './messages';

export interface ListedAccount {
  id: string;
  state: AccountState;
  serverOrigin: string;
  active: boolean;
}

/** Why an account needs the user, in a few words for the list and the tray menu; null when it does not. */
export function attentionOf(state: AccountState): string | null {
  switch (state.kind) {
    case 'expiringSoon':
      return 'Session ends soon';
    case 'expired':
      return 'Session expired';
    case 'keyringLocked':
      return 'Waiting for the keyring';
    case 'offline':
      return state.trouble === 'network' ? null : 'Server not answering';
    default:
      return null;
  }
}

const hasSession = (state: AccountState) => ['signedIn', 'expiringSoon', 'offline', 'expired'].includes(state.kind);

/**
 * The account list the popover shows: a pure function of the accounts' states. The list appears
 * only with more than one account; the server's host only with more than one server.
 */
export function toAccountListView(accounts: readonly ListedAccount[], limit: number, adding: boolean, otherServers: boolean): AccountListView {
  const listed = accounts.filter((account) => account.state.kind !== 'signedOut' && account.state.profile);
  const servers = new Set(listed.map((account) => account.serverOrigin));
  const items: AccountItemView[] = listed.map(({ id, state, serverOrigin, active }) => ({
    id,
    profile: profileView(state.kind === 'signedOut' ? null : state.profile)!,
    server: servers.size > 1 ? new URL(serverOrigin).host : null,
    status: state.kind,
    expiresAt: 'expiresAt' in state ? new Date(state.expiresAt).toISOString() : null,
    active,
    attention: attentionOf(state),
  }));
  const active = accounts.find((account) => account.active);
  const full = accounts.length >= limit;
  const canAdd = !adding && !full && active !== undefined && hasSession(active.state);
  return {
    items: items.length > 1 ? items : [],
    canAdd,
    otherServers: canAdd && otherServers,
    limitReached: full ? accountMessages.limitReached(limit) : null,
  };
}
