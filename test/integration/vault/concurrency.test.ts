import { describe, expect, it } from 'vitest';
import { newToken, vaultFolders } from './folder';

const folders = vaultFolders();

describe('parallel use', () => {
  it('many writes and reads at once: every read sees a written value, the last write wins on disk', async () => {
    const folder = folders.create();
    const vault = await folder.openVault();
    const tokens = Array.from({ length: 40 }, newToken);
    const attempts = Array.from({ length: 40 }, () => JSON.stringify({ verifier: newToken() }));
    for (const secret of [...tokens, ...attempts]) folder.secrets.add(secret);

    const reads: Promise<unknown>[] = [];
    const writes = tokens.flatMap((token, i) => {
      reads.push(vault.readToken(), vault.readSecret('attempt'));
      return [vault.writeToken(token), vault.writeSecret('attempt', attempts[i]!)];
    });
    const seen = await Promise.all(reads);
    await Promise.all(writes);

    for (const read of seen) {
      expect(read).toSatisfy(
        (r: { kind: string; value?: string }) => r.kind === 'none' || tokens.includes(r.value!) || attempts.includes(r.value!),
      );
    }
    expect(await vault.readToken()).toEqual({ kind: 'value', value: tokens.at(-1) });
    const restarted = await folder.openVault();
    expect(await restarted.readToken()).toEqual({ kind: 'value', value: tokens.at(-1) });
    expect(await restarted.readSecret('attempt')).toEqual({ kind: 'value', value: attempts.at(-1) });
  });

  it('a write, a delete and a write made without waiting land in that order', async () => {
    const folder = folders.create();
    const [first, last] = [newToken(), newToken()];
    folder.secrets.add(first).add(last);
    const vault = await folder.openVault();
    await Promise.all([vault.writeToken(first), vault.deleteToken(), vault.writeToken(last)]);
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: last });

    await Promise.all([vault.writeToken(first), vault.deleteToken()]);
    expect(await vault.readToken()).toEqual({ kind: 'none' });
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'none' });
  });

  it('a first read still decrypting when a write arrives does not bring the old token back', async () => {
    const folder = folders.create();
    const [old, fresh] = [newToken(), newToken()];
    folder.secrets.add(old).add(fresh);
    await (await folder.openVault()).writeToken(old);

    const vault = await folder.openVault();
    const racing = vault.readToken();
    const writing = vault.writeToken(fresh);
    expect([old, fresh]).toContain(((await racing) as { value: string }).value);
    await writing;
    expect(await vault.readToken()).toEqual({ kind: 'value', value: fresh });
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: fresh });
  });

  it('concurrent first reads decrypt once', async () => {
    const folder = folders.create();
    const token = newToken();
    folder.secrets.add(token);
    await (await folder.openVault()).writeToken(token);
    const vault = await folder.openVault();
    const before = folder.safeStorage.calls.length;
    const reads = await Promise.all(Array.from({ length: 10 }, () => vault.readToken()));
    expect(new Set(reads.map((read) => JSON.stringify(read)))).toEqual(new Set([JSON.stringify({ kind: 'value', value: token })]));
    expect(folder.safeStorage.calls.slice(before).filter((call) => call === 'decryptStringAsync')).toHaveLength(1);
  });
});
