import { describe, expect, it } from 'vitest';
import type { CachedAccount } from '../../../src/core/account/ports';
import { vaultMessages } from '../../../src/core/vault/messages';
import { FailingDisk, type DiskErrorCode, type DiskOperation } from '../../harness/failing-disk';
import { newToken, vaultFolders } from './folder';

const folders = vaultFolders();

const account: CachedAccount = {
  profile: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', image: null },
  expiresAt: Date.parse('2026-11-30T09:00:00.000Z'),
  lastConfirmedAt: Date.parse('2026-11-23T09:00:00.000Z'),
};

/** A signed-in vault over a disk that works until told otherwise. */
async function signedIn() {
  const folder = folders.create();
  const disk = new FailingDisk();
  const token = newToken();
  folder.secrets.add(token);
  const vault = await folder.openVault({ storeClass: disk.storeClass });
  await vault.writeToken(token);
  vault.writeCachedAccount(account);
  await vault.settled();
  return { folder, disk, token, vault, reopen: () => folder.openVault({ storeClass: disk.storeClass }) };
}

/** A sign-out as the account makes it: the token, then the cached account. */
async function signOut(vault: Awaited<ReturnType<typeof signedIn>>['vault']) {
  await vault.deleteToken();
  vault.clearCachedAccount();
  await vault.settled();
}

const causes: [DiskErrorCode, RegExp][] = [
  ['ENOSPC', /your disk is full/u],
  ['EIO', /the disk reported an error/u],
  ['EACCES', /isn't allowed to write to its data folder/u],
  ['EROFS', /read-only/u],
];

describe('a sign-out the disk refuses', () => {
  it.each(causes)('%s: is remembered, said, retried on the next write, and not undone by a restart', async (code, why) => {
    const { folder, disk, vault, reopen } = await signedIn();
    disk.fail('write', code);
    await signOut(vault);

    expect(disk.failures.length).toBeGreaterThan(0);
    expect(await vault.readToken()).toEqual({ kind: 'none' });
    expect(vault.readCachedAccount()).toBeNull();
    const status = vault.status();
    expect(status.unsaved).toBe(true);
    expect(status.notice?.tone).toBe('warning');
    expect(status.notice?.text).toMatch(/^You're signed out, but Latchkey couldn't remove your session/u);
    expect(status.notice?.text).toMatch(why);
    // Nothing has changed on disk yet: this is what a restart now would find.
    expect(folder.readFile()).toHaveProperty('secret:token');

    disk.heal();
    const attempt = newToken();
    folder.secrets.add(attempt);
    await vault.writeSecret('attempt', attempt);
    await vault.settled();
    expect(folder.readFile()).not.toHaveProperty('secret:token');
    expect(folder.readFile()).not.toHaveProperty('account');
    expect(vault.status()).toMatchObject({ unsaved: false, notice: null });

    const restarted = await reopen();
    expect(await restarted.readToken()).toEqual({ kind: 'none' });
    expect(restarted.readCachedAccount()).toBeNull();
  });

  it('is retried on refresh (popover opened, resume, unlock)', async () => {
    const { folder, disk, vault, reopen } = await signedIn();
    disk.fail('write', 'EIO');
    await signOut(vault);
    await vault.refresh();
    expect(vault.status().unsaved).toBe(true);

    disk.heal();
    await vault.refresh();
    await vault.settled();
    expect(vault.status()).toMatchObject({ unsaved: false, notice: null });
    expect(folder.readFile()).not.toHaveProperty('secret:token');
    expect(await (await reopen()).readToken()).toEqual({ kind: 'none' });
  });

  it('is saved at quit when the disk has come round, with no refresh in between', async () => {
    const { folder, disk, vault, reopen } = await signedIn();
    disk.fail('write', 'ENOSPC');
    await signOut(vault);
    disk.heal();
    vault.saveDeletionsNow();
    expect(folder.readFile()).not.toHaveProperty('secret:token');
    expect(folder.readFile()).not.toHaveProperty('account');
    const restarted = await reopen();
    expect(await restarted.readToken()).toEqual({ kind: 'none' });
    expect(restarted.readCachedAccount()).toBeNull();
  });

  it('does not hold back a sign-in made after it: the new token wins, and is what a restart reads', async () => {
    const { folder, disk, vault, reopen } = await signedIn();
    disk.fail('write', 'ENOSPC', 2);
    await signOut(vault);
    const next = newToken();
    folder.secrets.add(next);
    await vault.writeToken(next);
    vault.writeCachedAccount(account);
    await vault.settled();
    expect(vault.status()).toMatchObject({ unsaved: false, notice: null });
    expect(await (await reopen()).readToken()).toEqual({ kind: 'value', value: next });
  });
});

describe('a write the disk refuses', () => {
  const operations: [DiskOperation, DiskErrorCode][] = [
    ['write', 'ENOSPC'],
    ['write', 'EIO'],
    ['write', 'EACCES'],
    ['write', 'EROFS'],
    ['rename', 'EIO'],
  ];

  it.each(operations)('%s fails with %s: what was saved stays, the new token is kept in memory and saved once the disk allows', async (operation, code) => {
    const { folder, disk, token, vault, reopen } = await signedIn();
    const saved = folder.readFile();
    disk.fail(operation, code);
    const renewed = newToken();
    folder.secrets.add(renewed);
    await vault.writeToken(renewed);
    await vault.settled();

    expect(await vault.readToken()).toEqual({ kind: 'value', value: renewed });
    expect(vault.status()).toMatchObject({ unsaved: true, persistence: 'memoryOnly' });
    expect(vault.status().notice?.text).toMatch(/^Latchkey couldn't save your sign-in: /u);
    // The file is untouched, and no temporary file is left beside it.
    expect(folder.readFile()).toEqual(saved);
    expect(folder.files().filter((path) => path.includes('.tmp-'))).toEqual([]);
    expect(await (await reopen()).readToken()).toEqual({ kind: 'value', value: token });

    disk.heal();
    await vault.refresh();
    await vault.settled();
    expect(vault.status()).toMatchObject({ unsaved: false, persistence: 'persisted', notice: null });
    expect(await (await reopen()).readToken()).toEqual({ kind: 'value', value: renewed });
  });

  it('keeps the keyring sentence for a keyring that will not encrypt', async () => {
    const { folder, vault } = await signedIn();
    folder.safeStorage.mode = 'locked';
    await vault.writeToken(newToken());
    expect(vault.status().notice).toEqual({ tone: 'warning', text: vaultMessages.notSaved });
  });
});

describe('a store file that cannot be opened', () => {
  it('fails the start loudly with the disk error, rather than starting empty and writing over it', async () => {
    const { folder, disk } = await signedIn();
    const saved = folder.readFile();
    disk.fail('open', 'EACCES', 1);
    await expect(folder.openVault({ storeClass: disk.storeClass })).rejects.toMatchObject({ code: 'EACCES' });
    expect(folder.readFile()).toEqual(saved);
  });
});
