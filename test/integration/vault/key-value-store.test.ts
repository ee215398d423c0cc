import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { vaultMessages } from '../../../src/core/vault/messages';
import { JsonFileStore } from '../../../src/main/adapters/key-value-store';
import { newToken, vaultFolders } from './folder';

const folders = vaultFolders();
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('the store file', () => {
  it('is created owner-only, and an existing looser file is tightened on the next write', async () => {
    const folder = folders.create();
    const store = folder.openStore();
    store.set('weakAllowed', false);
    expect(modeOf(store.path)).toBe(0o600);

    chmodSync(store.path, 0o644);
    folder.openStore().set('weakAllowed', true);
    expect(modeOf(store.path)).toBe(0o600);
  });

  it('keeps keys with dots as flat names', () => {
    const folder = folders.create();
    const store = folder.openStore();
    store.set('a.b', 1);
    expect(folder.readFile()).toEqual({ 'a.b': 1 });
    expect(folder.openStore().get('a.b')).toBe(1);
  });

  it('refuses a name that would leave the folder', () => {
    const folder = folders.create();
    expect(() => new JsonFileStore(Conf, { directory: folder.dir, name: '../elsewhere' })).toThrow('A store name is a plain file name');
  });
});

describe('a damaged store file', () => {
  it('is kept beside the store, the store starts clean, and the vault says so', async () => {
    const folder = folders.create();
    const path = join(folder.dir, 'latchkey.json');
    writeFileSync(path, '{"secret:token": {"version": 1, "backend": "gnome', { mode: 0o644 });
    const vault = await folder.openVault();
    const copy = `${path}.corrupt-2026-11-23T09-00-00.000Z`;

    expect(readFileSync(copy, 'utf8')).toBe('{"secret:token": {"version": 1, "backend": "gnome');
    expect(modeOf(copy)).toBe(0o600);
    expect(await vault.readToken()).toEqual({ kind: 'none' });
    expect(vault.status().notice).toEqual({ tone: 'warning', text: vaultMessages.storeReset(copy) });

    vault.dismissStoreNotice();
    expect(vault.status().notice).toBeNull();
    const token = newToken();
    folder.secrets.add(token);
    await vault.writeToken(token);
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: token });
  });

  it('damaged while running: set aside, and the vault writes back what it holds', async () => {
    const folder = folders.create();
    const token = newToken();
    folder.secrets.add(token);
    const vault = await folder.openVault();
    const notices: (string | undefined)[] = [];
    vault.onStatusChange((status) => notices.push(status.notice?.text));
    await vault.writeToken(token);
    await vault.setWeakAllowed(true);

    const path = join(folder.dir, 'latchkey.json');
    writeFileSync(path, 'garbage');
    vault.clearCachedAccount();
    await vault.settled();

    expect(folder.files()).toContain(`${path}.corrupt-2026-11-23T09-00-00.000Z`);
    expect(notices.at(-1)).toBe(vaultMessages.storeReset(`${path}.corrupt-2026-11-23T09-00-00.000Z`));
    const restarted = await folder.openVault();
    expect(await restarted.readToken()).toEqual({ kind: 'value', value: token });
    expect(restarted.status().weakAllowed).toBe(true);
  });

  it('twice in the same millisecond keeps both copies', () => {
    const folder = folders.create();
    const path = join(folder.dir, 'latchkey.json');
    writeFileSync(path, 'first');
    const store = folder.openStore();
    writeFileSync(path, 'second');
    store.set('weakAllowed', true);
    expect(store.copies()).toEqual([`${path}.corrupt-2026-11-23T09-00-00.000Z`, `${path}.corrupt-2026-11-23T09-00-00.000Z-2`]);
    expect(store.copies().map((copy) => readFileSync(copy, 'utf8'))).toEqual(['first', 'second']);
    expect(folder.readFile()).toEqual({ weakAllowed: true });
  });
});

describe('the cached account', () => {
  const account = {
    profile: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', image: 'https://example.com/ada.png' },
    expiresAt: Date.parse('2026-12-01T00:00:00Z'),
    lastConfirmedAt: null,
  };

  it('is kept in plain form for the first frame, and cleared on sign-out', async () => {
    const folder = folders.create();
    const vault = await folder.openVault();
    expect(vault.readCachedAccount()).toBeNull();
    vault.writeCachedAccount(account);
    expect((await folder.openVault()).readCachedAccount()).toEqual(account);
    vault.clearCachedAccount();
    expect((await folder.openVault()).readCachedAccount()).toBeNull();
  });

  it('reads as nothing when the file holds something else under its key', async () => {
    const folder = folders.create();
    folder.openStore().set('account', { profile: { id: 3 }, expiresAt: 'soon' });
    expect((await folder.openVault()).readCachedAccount()).toBeNull();
  });

  it('refuses to cache an account the popover could not show, naming the field', async () => {
    const vault = await folders.create().openVault();
    expect(() => vault.writeCachedAccount({ ...account, expiresAt: Number.NaN })).toThrow('The cached account is not valid at expiresAt');
  });
});
