import { describe, expect, it } from 'vitest';
import { vaultMessages } from '../../../src/core/vault/messages';
import { formatDiagnostics } from '../../../src/core/vault/status';
import { newToken, vaultFolders } from './folder';

const folders = vaultFolders();

async function savedToken() {
  const folder = folders.create();
  const token = newToken();
  folder.secrets.add(token);
  await (await folder.openVault()).writeToken(token);
  return { folder, token };
}

describe('a locked keyring', () => {
  it('keeps the blob, reports locked, and reads the token once unlocked', async () => {
    const { folder, token } = await savedToken();
    const saved = folder.readFile()['secret:token'];
    folder.safeStorage.mode = 'locked';
    const vault = await folder.openVault();
    expect(await vault.readToken()).toEqual({ kind: 'locked' });
    expect(await vault.readToken()).toEqual({ kind: 'locked' });
    expect(folder.readFile()['secret:token']).toEqual(saved);
    expect(vault.diagnostics().secrets.token).toBe('storedNotRead');

    folder.safeStorage.mode = 'strong';
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    expect(vault.diagnostics().secrets.token).toBe('saved');
  });

  it('keeps a new token in memory when it cannot encrypt, says so, and saves it after unlock', async () => {
    const folder = folders.create();
    const token = newToken();
    folder.secrets.add(token);
    const vault = await folder.openVault();
    folder.safeStorage.mode = 'locked';
    await vault.writeToken(token);
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    expect(vault.status()).toMatchObject({ persistence: 'memoryOnly', unsaved: true, notice: { tone: 'warning', text: vaultMessages.notSaved } });
    expect(folder.readFile()).not.toHaveProperty('secret:token');

    folder.safeStorage.mode = 'strong';
    await vault.refresh();
    expect(vault.status()).toMatchObject({ persistence: 'persisted', unsaved: false, notice: null });
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: token });
  });
});

describe('opened before the app is ready (a wiring mistake)', () => {
  it('writes nothing to disk, and saves once asked again after ready', async () => {
    const folder = folders.create();
    const token = newToken();
    folder.secrets.add(token);
    folder.safeStorage.ready = false;
    const vault = await folder.openVault();
    expect(vault.status()).toMatchObject({ strength: 'unavailable', persistence: 'memoryOnly' });
    await vault.writeToken(token);
    expect(folder.readFile()).not.toHaveProperty('secret:token');
    expect(folder.safeStorage.calls).not.toContain('encryptStringAsync');

    folder.safeStorage.ready = true;
    await vault.refresh();
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: token });
  });
});

describe('a keyring that was reset', () => {
  it('sets the unreadable blob aside and reports the token lost, once', async () => {
    const { folder } = await savedToken();
    const saved = folder.readFile()['secret:token'];
    folder.safeStorage.resetKey();
    const vault = await folder.openVault();
    expect(await vault.readToken()).toEqual({ kind: 'lost' });
    expect(folder.readFile()).not.toHaveProperty('secret:token');
    expect(folder.readFile()['setAside:token']).toMatchObject({ reason: 'undecryptable', record: saved, at: '2026-11-23T09:00:00.000Z' });
    expect(await vault.readToken()).toEqual({ kind: 'none' });
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'none' });
    expect(vault.diagnostics().setAside).toEqual(['token']);
  });

  it('treats a record that is not the vault’s as lost and drops it (it may not be ciphertext)', async () => {
    const folder = folders.create();
    folder.openStore().set('secret:token', { version: 7, blob: 'not ours' });
    const vault = await folder.openVault();
    expect(await vault.readToken()).toEqual({ kind: 'lost' });
    expect(folder.readFile()).toEqual({});
    expect(folder.logger.lines).toContain('warn A saved secret could never be decrypted; it was set aside {"secret":"token","reason":"not a vault record"}');
  });
});

describe('key rotation', () => {
  it('re-encrypts and saves when safeStorage says the data should be encrypted again', async () => {
    const { folder, token } = await savedToken();
    const before = folder.readFile()['secret:token'] as { data: string };
    folder.safeStorage.rotateKey = true;
    const vault = await folder.openVault();
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    await vault.settled();
    const after = folder.readFile()['secret:token'] as { data: string };
    expect(after.data).not.toBe(before.data);

    folder.safeStorage.rotateKey = false;
    const calls = folder.safeStorage.calls.length;
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: token });
    expect(folder.safeStorage.calls.slice(calls)).not.toContain('encryptStringAsync');
  });
});

describe('reads', () => {
  it('decrypt once, then come from memory', async () => {
    const { folder, token } = await savedToken();
    const vault = await folder.openVault();
    for (let i = 0; i < 5; i++) expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    expect(folder.safeStorage.calls.filter((call) => call === 'decryptStringAsync')).toHaveLength(1);
  });

  it('refuse names the vault does not keep and empty secrets', async () => {
    const vault = await folders.create().openVault();
    await expect(vault.readSecret('password' as 'token')).rejects.toThrow("The vault keeps only 'token' (and 'token-1' to 'token-9' for other accounts), 'attempt', 'deviceAttempt'");
    await expect(vault.writeSecret('token', '')).rejects.toThrow("The vault's 'token' must be a non-empty string.");
  });
});

describe('diagnostics', () => {
  it('say where things stand without a secret in them', async () => {
    const { folder, token } = await savedToken();
    const vault = await folder.openVault();
    await vault.readToken();
    const diagnostics = vault.diagnostics();
    expect(diagnostics).toEqual({
      backend: 'gnome_libsecret',
      available: true,
      strength: 'strong',
      persistence: 'persisted',
      weakAllowed: false,
      storePath: folder.openStore().path,
      secrets: { token: 'saved', attempt: 'absent', deviceAttempt: 'absent' },
      setAside: [],
    });
    expect(JSON.stringify(diagnostics)).not.toContain(token);
    expect(formatDiagnostics(diagnostics)).toBe(
      [
        'Encryption backend: gnome_libsecret',
        'Encryption available: yes',
        'Strength: strong',
        'Sign-in kept: on disk, encrypted',
        'Weaker encryption allowed: no',
        `Store: ${diagnostics.storePath}`,
        'Secret token: saved',
        'Secret attempt: absent',
        'Secret deviceAttempt: absent',
        'Set aside: none',
      ].join('\n'),
    );
  });
});

describe('a keyring that locks while the app runs (macOS after sleep, GNOME after a session lock)', () => {
  it('serves what it has read from memory, and a write while locked leaves the saved token on disk', async () => {
    const { folder, token } = await savedToken();
    const vault = await folder.openVault();
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    const saved = folder.readFile()['secret:token'];

    folder.safeStorage.mode = 'locked';
    await vault.refresh();
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
    const renewed = newToken();
    folder.secrets.add(renewed);
    await vault.writeToken(renewed);
    await vault.settled();
    expect(folder.readFile()['secret:token']).toEqual(saved);
    expect(vault.status()).toMatchObject({ unsaved: true, notice: { text: vaultMessages.notSaved } });

    folder.safeStorage.mode = 'strong';
    await vault.refresh();
    await vault.settled();
    expect(await (await folder.openVault()).readToken()).toEqual({ kind: 'value', value: renewed });
  });

  it('locked at the first read: the read says locked, the blob stays, and a later read gets the token', async () => {
    const { folder, token } = await savedToken();
    const vault = await folder.openVault();
    folder.safeStorage.mode = 'locked';
    expect(await vault.readToken()).toEqual({ kind: 'locked' });
    await vault.refresh();
    expect(folder.readFile()).toHaveProperty('secret:token');
    folder.safeStorage.mode = 'strong';
    expect(await vault.readToken()).toEqual({ kind: 'value', value: token });
  });
});
