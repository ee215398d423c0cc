import { describe, expect, it } from 'vitest';
import { LoginItemsError } from '../../../src/core/login-items/errors';
import { firstRunMarkerKey, OpenAtLogin } from '../../../src/core/login-items/open-at-login';
import type { LoginItems, LoginItemStatus } from '../../../src/core/ports';

/** Login items whose OS can be told how to behave: obey, wait for approval, refuse, or fail. */
function fakeLoginItems(behaviour: 'obeys' | 'needs-approval' | 'ignores' | 'unsupported' | 'fails' = 'obeys') {
  const os = { enabled: false, requiresApproval: false, writes: [] as boolean[] };
  const status = (): LoginItemStatus => ({ supported: behaviour !== 'unsupported', enabled: os.enabled, requiresApproval: os.requiresApproval });
  const items: LoginItems = {
    async read() {
      if (behaviour === 'fails') throw new LoginItemsError('io', 'Could not read the autostart entry (EACCES).');
      return status();
    },
    async write(enabled) {
      os.writes.push(enabled);
      if (behaviour === 'unsupported') throw new LoginItemsError('unsupported', 'This installation cannot open at login.');
      if (behaviour === 'fails') throw new LoginItemsError('io', 'Could not write the autostart entry (EACCES).');
      if (behaviour === 'needs-approval') os.requiresApproval = enabled;
      else if (behaviour === 'obeys') os.enabled = enabled;
      return status();
    },
    async openSystemSettings() {},
    wasOpenedAtLogin: () => false,
  };
  return { os, items };
}

function switchFor(items: LoginItems) {
  const changes: LoginItemStatus[] = [];
  const logs: unknown[][] = [];
  const openAtLogin = new OpenAtLogin({
    loginItems: items,
    productName: 'Latchkey',
    logger: { log: (...args) => void logs.push(args) },
    onChange: (status) => void changes.push(status),
  });
  return { openAtLogin, changes, logs };
}

function memoryStore(initial: Record<string, unknown> = {}) {
  const values = new Map(Object.entries(initial));
  return { values, get: (key: string) => values.get(key), set: (key: string, value: unknown) => void values.set(key, value) };
}

describe('the open-at-login switch', () => {
  it('shows what the OS reports, and redraws only on a change', async () => {
    const { items } = fakeLoginItems();
    const { openAtLogin, changes } = switchFor(items);
    await openAtLogin.refresh();
    await openAtLogin.refresh();
    expect(await openAtLogin.set(true)).toEqual({ ok: true });
    expect(openAtLogin.status).toEqual({ supported: true, enabled: true, requiresApproval: false });
    expect(changes.map((status) => status.enabled)).toEqual([false, true]);
  });

  it('treats waiting for approval as done, with the approval shown', async () => {
    const { openAtLogin } = switchFor(fakeLoginItems('needs-approval').items);
    expect(await openAtLogin.set(true)).toEqual({ ok: true });
    expect(openAtLogin.status).toEqual({ supported: true, enabled: false, requiresApproval: true });
  });

  it('says so when the OS did not do what was asked', async () => {
    const { openAtLogin } = switchFor(fakeLoginItems('ignores').items);
    expect(await openAtLogin.set(true)).toEqual({ ok: false, code: 'not_supported', message: 'Latchkey could not be set to open at login.' });
  });

  it('turns a failure into an outcome with its sentence, logs only the failure code, and keeps running', async () => {
    const { openAtLogin, logs } = switchFor(fakeLoginItems('fails').items);
    expect(await openAtLogin.refresh()).toEqual({ supported: false, enabled: false, requiresApproval: false });
    expect(await openAtLogin.set(true)).toEqual({ ok: false, code: 'unexpected', message: 'Could not write the autostart entry (EACCES).' });
    expect(logs).toContainEqual(['warn', 'Open at login: could not write', { failure: 'io' }]);
  });
});

describe('the first-run default', () => {
  it('turns open at login on once in a packaged build, and never again', async () => {
    const { os, items } = fakeLoginItems();
    const store = memoryStore();
    await switchFor(items).openAtLogin.applyFirstRunDefault(true, store);
    expect(os.writes).toEqual([true]);
    expect(store.values.get(firstRunMarkerKey)).toBe(true);
    os.enabled = false; // the user switched it off
    await switchFor(items).openAtLogin.applyFirstRunDefault(true, store);
    expect(os.writes).toEqual([true]);
  });

  it('does nothing in development and leaves the first packaged run its default', async () => {
    const { os, items } = fakeLoginItems();
    const store = memoryStore();
    await switchFor(items).openAtLogin.applyFirstRunDefault(false, store);
    expect(os.writes).toEqual([]);
    expect(store.values.has(firstRunMarkerKey)).toBe(false);
  });

  it('remembers the attempt even when the OS refuses, so it does not retry at every start', async () => {
    const { os, items } = fakeLoginItems('unsupported');
    const store = memoryStore();
    await switchFor(items).openAtLogin.applyFirstRunDefault(true, store);
    await switchFor(items).openAtLogin.applyFirstRunDefault(true, store);
    expect(os.writes).toEqual([true]);
  });
});
