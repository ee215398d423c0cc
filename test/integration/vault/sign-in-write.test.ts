import Conf from 'conf';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newToken, vaultFolders } from './folder';

const folders = vaultFolders();
const account = {
  profile: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', image: null },
  expiresAt: Date.UTC(2026, 11, 31),
  lastConfirmedAt: Date.UTC(2026, 10, 30),
};

/** Every write conf makes to the file: `set`, `delete`, or the whole store assigned at once. */
function countFileWrites(): { count(): number } {
  const spies = [vi.spyOn(Conf.prototype, 'set'), vi.spyOn(Conf.prototype, 'delete'), vi.spyOn(Conf.prototype, 'store', 'set')];
  return { count: () => spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0) };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the end of a sign-in', () => {
  it('lands on disk as one write: the token encrypted, the account cached, the attempt gone', async () => {
    const folder = folders.create();
    const vault = await folder.openVault();
    const token = newToken();
    folder.secrets.add(token);
    await vault.writeSecret('attempt', '{"version":1,"state":"pending"}');
    const writes = countFileWrites();

    // What the sign-in flow and the account do as the exchange answers: end the attempt without
    // waiting, then save the session and the account it belongs to.
    void vault.deleteSecret('attempt');
    const saved = vault.writeToken(token);
    vault.writeCachedAccount(account);
    await saved;

    expect(writes.count(), 'one atomic write for all three changes').toBe(1);
    const file = folder.readFile();
    expect(file['secret:attempt']).toBeUndefined();
    expect(file['secret:token']).toMatchObject({ version: 1, backend: 'gnome_libsecret' });
    expect(JSON.stringify(file)).not.toContain(token);
    expect(file.account).toEqual(account);

    const reopened = await folder.openVault();
    expect(await reopened.readToken()).toEqual({ kind: 'value', value: token });
    expect(reopened.readCachedAccount()).toEqual(account);
    expect(await reopened.readSecret('attempt')).toEqual({ kind: 'none' });
  });

  it('still writes the cached account at once when nothing else is being written', async () => {
    const folder = folders.create();
    const vault = await folder.openVault();
    vault.writeCachedAccount(account);
    expect(folder.readFile().account).toEqual(account);
  });
});
