import { describe, expect, it } from 'vitest';
import { vaultMessages } from '../../../src/core/vault/messages';
import { newToken, vaultFolders } from './folder';

const folders = vaultFolders();

function signedIn() {
  const folder = folders.create();
  const token = newToken();
  folder.secrets.add(token);
  return { folder, token };
}

describe('a strong keyring', () => {
  it.each(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6'] as const)('keeps the token across a restart with %s', async (backend) => {
    const { folder, token } = signedIn();
    folder.safeStorage.backend = backend;
    const vault = await folder.openVault();
    expect(vault.status()).toMatchObject({ persistence: 'persisted', strength: 'strong', backend, notice: null });
    await vault.writeToken(token);
    expect(folder.readFile()['secret:token']).toMatchObject({ version: 1, backend });

    const restarted = await folder.openVault();
    expect(await restarted.readToken()).toEqual({ kind: 'value', value: token });
  });

  it.each([
    ['darwin', 'keychain'],
    ['win32', 'dpapi'],
  ] as const)('on %s reports %s and persists', async (platform, backend) => {
    const { folder, token } = signedIn();
    const vault = await folder.openVault({ platform });
    expect(vault.status()).toMatchObject({ backend, strength: 'strong', persistence: 'persisted' });
    await vault.writeToken(token);
    expect(await (await folder.openVault({ platform })).readToken()).toEqual({ kind: 'value', value: token });
  });

  it('keeps the pending sign-in attempt encrypted too', async () => {
    const folder = folders.create();
    const attempt = JSON.stringify({ verifier: newToken(), state: newToken(), startedAt: 1 });
    folder.secrets.add(attempt);
    for (const part of Object.values(JSON.parse(attempt) as Record<string, unknown>)) if (typeof part === 'string') folder.secrets.add(part);
    const vault = await folder.openVault();
    await vault.writeSecret('attempt', attempt);
    expect(await (await folder.openVault()).readSecret('attempt')).toEqual({ kind: 'value', value: attempt });
    await vault.deleteSecret('attempt');
    expect(await (await folder.openVault()).readSecret('attempt')).toEqual({ kind: 'none' });
  });

  it('signing out removes the token from disk', async () => {
    const { folder, token } = signedIn();
    const vault = await folder.openVault();
    await vault.writeToken(token);
    await vault.deleteToken();
    expect(await vault.readToken()).toEqual({ kind: 'none' });
    expect(folder.readFile()).not.toHaveProperty('secret:token');
  });
});

describe('a weak key (basic_text)', () => {
  it('keeps the token in memory only, and says so, until the user opts in', async () => {
    const { folder, token } = signedIn();
    folder.safeStorage.mode = 'weak';
    const vault = await folder.openVault();
    expect(vault.status()).toMatchObject({
      persistence: 'memoryOnly',
      strength: 'weak',
      weakAllowed: false,
      backend: 'basic_text',
      notice: { tone: 'info', text: vaultMessages.weakNotAllowed },
    });
    await vault.writeToken(token);
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    expect(folder.readFile()).not.toHaveProperty('secret:token');
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'none' });
  });

  it('opting in saves the token held in memory, and it survives a restart', async () => {
    const { folder, token } = signedIn();
    folder.safeStorage.mode = 'weak';
    const vault = await folder.openVault();
    await vault.writeToken(token);
    await vault.setWeakAllowed(true);
    expect(vault.status()).toMatchObject({ persistence: 'persisted', strength: 'weak', weakAllowed: true, notice: null });
    expect(folder.readFile()['secret:token']).toMatchObject({ backend: 'basic_text' });

    const restarted = await folder.openVault();
    expect(restarted.status().weakAllowed).toBe(true);
    expect(await restarted.readToken()).toEqual({ kind: 'value', value: token });
  });

  it('opting out removes the weak blob from disk and keeps the session for this run', async () => {
    const { folder, token } = signedIn();
    folder.safeStorage.mode = 'weak';
    await (await folder.openVault()).setWeakAllowed(true);
    await (await folder.openVault()).writeToken(token);
    expect(folder.readFile()).toHaveProperty('secret:token');

    // A fresh run that has not read the token yet: opting out must still take it off disk.
    const vault = await folder.openVault();
    await vault.setWeakAllowed(false);
    expect(folder.readFile()).not.toHaveProperty('secret:token');
    expect(folder.readFile().weakAllowed).toBe(false);
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    expect(vault.status()).toMatchObject({ persistence: 'memoryOnly', weakAllowed: false });
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'none' });
  });

  it('tells listeners when the choice changes what the vault is', async () => {
    const folder = folders.create();
    folder.safeStorage.mode = 'weak';
    const vault = await folder.openVault();
    const seen: string[] = [];
    vault.onStatusChange((status) => seen.push(status.persistence));
    await vault.setWeakAllowed(true);
    await vault.setWeakAllowed(false);
    expect(seen).toEqual(['persisted', 'memoryOnly']);
  });

  it('does not open a keyring blob with the weak key: the keyring daemon may just be late', async () => {
    const { folder, token } = signedIn();
    await (await folder.openVault()).writeToken(token);
    folder.safeStorage.mode = 'weak';
    const vault = await folder.openVault();
    expect(await vault.readToken()).toEqual({ kind: 'locked' });
    expect(folder.readFile()).toHaveProperty('secret:token');

    folder.safeStorage.mode = 'strong';
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: token });
  });

  it('moves a weak blob up to the keyring once one is there', async () => {
    const { folder, token } = signedIn();
    folder.safeStorage.mode = 'weak';
    const weak = await folder.openVault();
    await weak.setWeakAllowed(true);
    await weak.writeToken(token);
    folder.safeStorage.mode = 'strong';
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: token });
    expect(folder.readFile()['secret:token']).toMatchObject({ backend: 'gnome_libsecret' });
  });
});

describe('no encryption at all', () => {
  it('keeps the session in memory and says plainly that sign-in is needed next time', async () => {
    const { folder, token } = signedIn();
    folder.safeStorage.mode = 'unavailable';
    const vault = await folder.openVault();
    expect(vault.status()).toMatchObject({
      persistence: 'memoryOnly',
      strength: 'unavailable',
      available: false,
      notice: { tone: 'warning', text: "Your system keyring is unavailable, so you'll need to sign in again next time." },
    });
    await vault.writeToken(token);
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    expect(folder.readFile()).not.toHaveProperty('secret:token');
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'none' });
  });

  it('does not persist even when weak encryption is allowed', async () => {
    const { folder, token } = signedIn();
    folder.safeStorage.mode = 'unavailable';
    const vault = await folder.openVault();
    await vault.setWeakAllowed(true);
    await vault.writeToken(token);
    expect(vault.status().persistence).toBe('memoryOnly');
    expect(folder.readFile()).not.toHaveProperty('secret:token');
  });

  it('keeps a saved token for a later run, and a new sign-in replaces it', async () => {
    const { folder, token } = signedIn();
    await (await folder.openVault()).writeToken(token);
    folder.safeStorage.mode = 'unavailable';
    const vault = await folder.openVault();
    expect(await vault.readToken()).toEqual({ kind: 'locked' });
    expect(folder.readFile()).toHaveProperty('secret:token');

    const next = newToken();
    folder.secrets.add(next);
    await vault.writeToken(next);
    expect(await vault.readToken()).toEqual({ kind: 'value', value: next });
    expect(folder.readFile()).not.toHaveProperty('secret:token');
  });

  it('saves the session once the keyring comes up during the run', async () => {
    const { folder, token } = signedIn();
    folder.safeStorage.mode = 'unavailable';
    const vault = await folder.openVault();
    await vault.writeToken(token);
    folder.safeStorage.mode = 'strong';
    await vault.refresh();
    expect(vault.status()).toMatchObject({ persistence: 'persisted', strength: 'strong', notice: null });
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: token });
  });
});
