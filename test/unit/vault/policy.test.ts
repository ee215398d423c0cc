import { describe, expect, it } from 'vitest';
import type { CipherBackend } from '../../../src/core/ports';
import { KeyedQueue } from '../../../src/core/vault/keyed-queue';
import { needsAbsentKeyring, persistenceOf, strengthOf } from '../../../src/core/vault/policy';

describe('how strong the key is', () => {
  it.each([
    [true, 'keychain', 'strong'],
    [true, 'dpapi', 'strong'],
    [true, 'gnome_libsecret', 'strong'],
    [true, 'kwallet', 'strong'],
    [true, 'kwallet5', 'strong'],
    [true, 'kwallet6', 'strong'],
    [true, 'basic_text', 'weak'],
    [true, 'unknown', 'weak'],
    [false, 'keychain', 'unavailable'],
    [false, 'basic_text', 'unavailable'],
  ] as const)('available=%s with %s is %s', (available, backend, strength) => {
    expect(strengthOf(available, backend)).toBe(strength);
  });
});

describe('where the token is kept', () => {
  it.each([
    ['strong', false, 'persisted'],
    ['strong', true, 'persisted'],
    ['weak', false, 'memoryOnly'],
    ['weak', true, 'persisted'],
    ['unavailable', false, 'memoryOnly'],
    ['unavailable', true, 'memoryOnly'],
  ] as const)('%s key, weak allowed=%s: %s', (strength, weakAllowed, persistence) => {
    expect(persistenceOf(strength, weakAllowed)).toBe(persistence);
  });
});

describe('a blob that needs a keyring this run lacks', () => {
  it.each([
    ['gnome_libsecret', 'basic_text', true],
    ['kwallet5', 'unknown', true],
    ['gnome_libsecret', 'kwallet5', false],
    ['basic_text', 'gnome_libsecret', false],
    ['basic_text', 'basic_text', false],
  ] as [CipherBackend, CipherBackend, boolean][])('written with %s, now %s: %s', (written, current, expected) => {
    expect(needsAbsentKeyring(written, current)).toBe(expected);
  });
});

describe('the per-key queue', () => {
  function deferred() {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    return { promise, resolve };
  }

  it('runs one task at a time per key, in order, and keys independently', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const gate = deferred();
    const first = queue.run('token', async () => {
      await gate.promise;
      order.push('token 1');
    });
    const second = queue.run('token', async () => void order.push('token 2'));
    await queue.run('attempt', async () => void order.push('attempt'));
    expect(order).toEqual(['attempt']);
    gate.resolve();
    await Promise.all([first, second]);
    expect(order).toEqual(['attempt', 'token 1', 'token 2']);
  });

  it('goes on after a failed task, which still rejects for its caller', async () => {
    const queue = new KeyedQueue();
    const failing = queue.run('token', async () => {
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    expect(await queue.run('token', async () => 'next')).toBe('next');
    await queue.idle();
  });
});
