import type { TokenVault } from '../account/ports';
import type { Logger } from '../ports';

/**
 * An account's vault with its token bound to its server inside the encrypted secret. The server
 * an account lives on is read from its cached profile, which is plain on disk; were the token not
 * bound, editing that file would send the token to any server. A token for another server than the
 * configured one is saved as `<origin> <token>` (tokens hold no spaces); one for the configured
 * server stays the bare token, as single-account Latchkey saved it. A token read back for another
 * server than the account's is never used: it reads as lost, and the account asks to sign in.
 */
export function serverBoundVault(vault: TokenVault, serverOrigin: string, configuredOrigin: string, logger: Logger): TokenVault {
  return {
    deleteToken: () => vault.deleteToken(),
    readCachedAccount: () => vault.readCachedAccount(),
    writeCachedAccount: (account) => vault.writeCachedAccount(account),
    clearCachedAccount: () => vault.clearCachedAccount(),
    async readToken() {
      const read = await vault.readToken();
      if (read.kind !== 'value') return read;
      const space = read.value.indexOf(' ');
      const boundTo = space === -1 ? configuredOrigin : read.value.slice(0, space);
      if (boundTo !== serverOrigin) {
        logger.log('warn', 'A saved token belongs to another server than its account names; it is not used', {});
        return { kind: 'lost' };
      }
      return { kind: 'value', value: space === -1 ? read.value : read.value.slice(space + 1) };
    },
    writeToken(token) {
      return vault.writeToken(serverOrigin === configuredOrigin ? token : `${serverOrigin} ${token}`);
    },
  };
}
