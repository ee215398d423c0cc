import { randomBytes } from 'node:crypto';
import { openTestVault } from '../../test/integration/vault/test-vault';
import { summarise, type Figure } from '../stats';

const reference = 'teams-for-linux documents ~2 ms secure reads, ~3 ms writes';

/**
 * The vault as compose.ts wires it, on real files with an AES-GCM safeStorage double: writes
 * (encrypt + atomic file write), reads served from memory, and the first read after a restart
 * (one decrypt).
 */
export const vaultLatency: Figure = {
  name: 'vault',
  reference,
  async measure({ quick }) {
    const runs = quick ? 5 : 200;
    const opened = await openTestVault();
    const reopened: Awaited<ReturnType<typeof opened.reopen>>[] = [];
    try {
      const { vault } = opened;
      const token = () => randomBytes(32).toString('base64url');
      await vault.writeToken(token());
      const writes: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const start = performance.now();
        await vault.writeToken(token());
        writes.push(performance.now() - start);
      }
      const reads: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const start = performance.now();
        await vault.readToken();
        reads.push(performance.now() - start);
      }
      const firstReads: number[] = [];
      for (let i = 0; i < (quick ? 2 : 30); i += 1) {
        const again = await opened.reopen();
        reopened.push(again);
        const start = performance.now();
        await again.vault.readToken();
        firstReads.push(performance.now() - start);
      }
      return [
        summarise('Vault write (encrypt + atomic file write)', writes, 'ms', `${reference}; aim < 2 ms`),
        summarise('Vault read (from memory)', reads, 'ms', 'aim < 0.2 ms'),
        summarise('Vault first read after restart (decrypt)', firstReads, 'ms', '—'),
      ];
    } finally {
      opened.dispose();
    }
  },
};
