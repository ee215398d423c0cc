import { describe, expect, it } from 'vitest';
import type { CachedAccount } from '../../../src/core/account/ports';
import { FailingDisk } from '../../harness/failing-disk';
import { newToken, vaultFolders } from './folder';

/**
 * A second account's writes and deletions against a failing disk: its token and cached profile
 * live under their own keys, and a refused write or sign-out is remembered, retried and never
 * undone by a restart, exactly as the first account's are; the other account is left alone.
 */
const folders = vaultFolders();

const grace: CachedAccount = {
  profile: { id: 'u2', name: 'Grace Hopper', email: 'grace@example.com', image: null },
  expiresAt: Date.parse('2026-11-30T09:00:00.000Z'),
  lastConfirmedAt: Date.parse('2026-11-23T09:00:00.000Z'),
  serverOrigin: 'https://auth.example.com',
};

async function twoAccounts() {
  const folder = folders.create();
  const disk = new FailingDisk();
  const [first, second] = [newToken(), newToken()];
  folder.secrets.add(first);
  folder.secrets.add(second);
  const vault = await folder.openVault({ storeClass: disk.storeClass });
  await vault.writeToken(first);
  const slot = vault.forSlot(3);
  await slot.writeToken(second);
  slot.writeCachedAccount(grace);
  await vault.settled();
  return { folder, disk, vault, slot, first, second, reopen: () => folder.openVault({ storeClass: disk.storeClass }) };
}

describe("another account's slot on a failing disk", () => {
  it('keeps its token and profile under their own keys, encrypted', async () => {
    const { folder, vault, second } = await twoAccounts();
    const file = folder.readFile();
    expect(file['secret:token-3']).toMatchObject({ version: 1, backend: 'gnome_libsecret' });
    expect(file['account-3']).toEqual(grace);
    expect(JSON.stringify(file)).not.toContain(second);
    expect(vault.occupiedSlots()).toEqual([0, 3]);
  });

  it('a sign-out the disk refuses is remembered, retried, and not undone by a restart; the other account stays', async () => {
    const { folder, disk, vault, slot, first, reopen } = await twoAccounts();
    disk.fail('rename', 'ENOSPC');
    await slot.deleteToken();
    slot.clearCachedAccount();
    await vault.settled();
    expect(vault.status().unsaved).toBe(true);
    expect(folder.readFile()).toHaveProperty('secret:token-3');

    // At quit, the deletion is tried once more; the disk has room again.
    disk.heal();
    vault.saveDeletionsNow();
    expect(folder.readFile()).not.toHaveProperty('secret:token-3');
    expect(folder.readFile()).not.toHaveProperty('account-3');

    const restarted = await reopen();
    expect(restarted.occupiedSlots()).toEqual([0]);
    expect(await restarted.forSlot(3).readToken()).toEqual({ kind: 'none' });
    expect(await restarted.readToken()).toEqual({ kind: 'value', value: first });
  });

  it('a write the disk refuses is kept in memory, said, and saved once the disk takes writes again', async () => {
    const { folder, disk, vault, slot, reopen } = await twoAccounts();
    const renewed = newToken();
    folder.secrets.add(renewed);
    disk.fail('write', 'EIO');
    await slot.writeToken(renewed);
    await vault.settled();
    expect(await slot.readToken()).toEqual({ kind: 'value', value: renewed });
    expect(vault.status()).toMatchObject({ unsaved: true, persistence: 'memoryOnly' });

    disk.heal();
    await vault.refresh();
    await vault.settled();
    expect(vault.status().unsaved).toBe(false);
    expect(await (await reopen()).forSlot(3).readToken()).toEqual({ kind: 'value', value: renewed });
  });

  it('the active account the disk refuses to save costs only which account shows first after a restart', async () => {
    const { disk, vault, reopen } = await twoAccounts();
    disk.fail('write', 'ENOSPC');
    vault.setActiveSlot(3);
    await vault.settled();
    expect(vault.activeSlot(), 'this run still has it').toBe(3);
    disk.heal();
    expect((await reopen()).activeSlot(), 'the next start falls back to the first account').toBeNull();
  });
});
