import { beforeEach, describe, expect, it } from 'vitest';
import { Account } from '../../../src/core/account/account';
import type { AccountState } from '../../../src/core/account/state';
import { resolveConfig } from '../../../src/core/config';
import { FakeClock, settle } from '../../harness/fake-clock';
import { memoryAccountDeps, MemoryVault, RecordingNotifier, ScriptedSignIn, SessionServer } from './fakes';

const hour = 3_600_000;
const ada = { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', image: null };

function setup() {
  const clock = new FakeClock();
  const vault = new MemoryVault();
  const server = new SessionServer();
  const notifier = new RecordingNotifier();
  const signIn = new ScriptedSignIn(clock);
  const account = new Account(memoryAccountDeps({ clock, vault, server, notifier, signIn }));
  const states: AccountState['kind'][] = [];
  account.onChange((state) => states.push(state.kind));
  /** A signed-in user from an earlier run: token in the vault, profile cached. */
  const returning = (expiresIn: number) => {
    const expiresAt = clock.now() + expiresIn;
    vault.token = 'tok-1';
    vault.cached = { profile: ada, expiresAt, lastConfirmedAt: clock.now() - hour };
    server.sessions.set('tok-1', { expiresAt, user: ada });
    return expiresAt;
  };
  return { clock, vault, server, notifier, signIn, account, states, returning };
}

let t: ReturnType<typeof setup>;
beforeEach(() => {
  t = setup();
});

describe('start and revalidation', () => {
  it('shows the cached profile first, never signed out, then what the server says', async () => {
    const expiresAt = t.returning(7 * 24 * hour);
    t.server.sessions.set('tok-1', { expiresAt: expiresAt + hour, user: { ...ada, name: 'Ada King' } });
    await t.account.start();
    expect(t.states).toEqual(['starting', 'signedIn']);
    expect(t.account.state).toMatchObject({ kind: 'signedIn', expiresAt: expiresAt + hour, profile: { name: 'Ada King' } });
    expect(t.vault.cached?.expiresAt).toBe(expiresAt + hour);
  });

  it('starts signed out when nothing was saved', async () => {
    await t.account.start();
    expect(t.account.state).toEqual({ kind: 'signedOut', notice: null });
    expect(t.server.checks).toBe(0);
  });

  it('expires a session the server no longer knows: token cleared, profile kept, one notification', async () => {
    t.returning(7 * 24 * hour);
    t.server.sessions.clear();
    await t.account.start();
    expect(t.account.state).toMatchObject({ kind: 'expired', profile: ada, notice: { text: 'Session expired — sign in again.' } });
    expect(t.vault.token).toBeNull();
    expect(t.vault.cached?.profile).toEqual(ada);
    expect(t.notifier.titles()).toEqual(['Your Latchkey session has ended']);
  });

  it('goes offline when the server is down, keeps the token, and recovers without a new sign-in', async () => {
    t.returning(7 * 24 * hour);
    t.server.down = true;
    await t.account.start();
    expect(t.account.state).toMatchObject({ kind: 'offline', lastConfirmedAt: t.clock.now() - hour });
    expect(t.vault.token).toBe('tok-1');
    const checks = t.server.checks;
    await t.clock.advance(10_000);
    expect(t.account.state.kind).toBe('offline');
    t.server.down = false;
    await t.clock.advance(20_000);
    expect(t.account.state.kind).toBe('signedIn');
    expect(t.server.checks).toBeGreaterThan(checks);
    expect(t.signIn.starts).toEqual([]);
  });

  it('treats a 5xx as offline, not as a revoked session', async () => {
    t.returning(7 * 24 * hour);
    t.server.failing = true;
    await t.account.start();
    expect(t.account.state.kind).toBe('offline');
    expect(t.vault.token).toBe('tok-1');
  });

  it('notices a revocation from elsewhere at the next periodic revalidation', async () => {
    t.returning(7 * 24 * hour);
    await t.account.start();
    t.server.sessions.clear();
    await t.clock.advance(resolveConfig().revalidateIntervalMs);
    expect(t.account.state.kind).toBe('expired');
  });

  it('waits for a locked keyring instead of signing out, and restores once it opens', async () => {
    t.returning(7 * 24 * hour);
    t.vault.locked = true;
    await t.account.start();
    expect(t.account.state).toMatchObject({ kind: 'keyringLocked', profile: ada });
    t.vault.locked = false;
    await t.account.systemResumed();
    expect(t.account.state.kind).toBe('signedIn');
  });

  it('a sign-in given up while the keyring is locked goes back to waiting for the keyring, not to signed out', async () => {
    t.returning(7 * 24 * hour);
    t.vault.locked = true;
    await t.account.start();
    await t.account.signIn('scheme');
    expect(t.account.state.kind).toBe('signingIn');
    await t.account.cancelSignIn();
    expect(t.account.state).toMatchObject({ kind: 'keyringLocked', profile: ada });
    t.vault.locked = false;
    await t.account.systemResumed();
    expect(t.account.state.kind).toBe('signedIn');
  });

  it('signs out with a notice when the saved token can never be read', async () => {
    t.returning(7 * 24 * hour);
    t.vault.lost = true;
    await t.account.start();
    expect(t.account.state).toMatchObject({ kind: 'signedOut', notice: { tone: 'warning' } });
    expect(t.vault.cached).toBeNull();
  });

  it('rate-limits revalidation when the popover opens', async () => {
    t.returning(7 * 24 * hour);
    await t.account.start();
    const checks = t.server.checks;
    await t.account.popoverOpened();
    expect(t.server.checks).toBe(checks);
    await t.clock.advance(31_000);
    await t.account.popoverOpened();
    expect(t.server.checks).toBe(checks + 1);
  });
});

describe('expiry notices', () => {
  it('warns once at each threshold with a Renew action, then expires at the wall-clock time', async () => {
    const expiresAt = t.returning(30 * hour);
    await t.account.start();
    expect(t.account.state.kind).toBe('signedIn');
    await t.clock.advance(6 * hour + 1_000);
    expect(t.account.state).toMatchObject({ kind: 'expiringSoon', threshold: 24 * hour });
    expect(t.notifier.shown).toHaveLength(1);
    expect(t.notifier.shown[0]!.request.action).toBe('Renew');
    t.server.sessions.set('tok-1', { expiresAt, user: ada });
    await t.clock.advance(expiresAt - hour - t.clock.now() + 1_000);
    expect(t.account.state).toMatchObject({ kind: 'expiringSoon', threshold: hour });
    expect(t.notifier.shown).toHaveLength(2);
    await t.clock.advance(hour);
    expect(t.account.state.kind).toBe('expired');
    expect(t.vault.token).toBeNull();
    expect(t.notifier.titles()).toEqual([
      'Your Latchkey session is ending soon',
      'Your Latchkey session is ending soon',
      'Your Latchkey session has ended',
    ]);
  });

  it('clears the notice when revalidation finds the server extended the session', async () => {
    const expiresAt = t.returning(20 * hour);
    await t.account.start();
    expect(t.account.state.kind).toBe('expiringSoon');
    t.server.sessions.set('tok-1', { expiresAt: expiresAt + 7 * 24 * hour, user: ada });
    await t.account.retry();
    expect(t.account.state.kind).toBe('signedIn');
  });

  it('Renew in the notification starts a sign-in', async () => {
    t.returning(20 * hour);
    await t.account.start();
    t.notifier.shown[0]!.act!();
    await settle();
    expect(t.signIn.starts).toEqual(['scheme']);
    expect(t.account.state).toMatchObject({ kind: 'signingIn', profile: ada });
  });

  it('after a sleep past expiry, expires on resume with one notification', async () => {
    t.returning(5 * hour);
    await t.account.start();
    t.server.down = true;
    await t.clock.jump(6 * hour);
    await t.account.systemResumed();
    expect(t.account.state.kind).toBe('expired');
    expect(t.notifier.titles().filter((title) => title.includes('ended'))).toHaveLength(1);
  });

  it('a sleep without a resume event is caught up by the next revalidation, from the server\'s Date', async () => {
    t.returning(26 * hour);
    let serverNow = t.clock.now();
    t.server.clock = () => serverNow;
    await t.account.start();
    serverNow += 3 * hour;
    await t.clock.jump(3 * hour);
    expect(t.account.state.kind).toBe('signedIn');
    await t.clock.advance(resolveConfig().revalidateIntervalMs);
    expect(t.account.state.kind).toBe('expiringSoon');
  });
});

describe('sign-in and sign-out', () => {
  it('goes from signing in to signed in when the callback exchanges, and stores the token', async () => {
    await t.account.start();
    await t.account.signIn();
    expect(t.account.state.kind).toBe('signingIn');
    const expiresAt = t.clock.now() + 7 * 24 * hour;
    t.server.sessions.set('new-token', { expiresAt, user: ada });
    t.signIn.nextStep = { kind: 'signedIn', token: 'new-token', expiresAt, remainingMs: 7 * 24 * hour, user: ada };
    await t.account.receiveCallback('dev.latchkey.app:/auth/callback?code=c&state=s');
    expect(t.account.state).toMatchObject({ kind: 'signedIn', profile: ada, expiresAt });
    expect(t.vault.token).toBe('new-token');
    expect(t.account.token).toBe('new-token');
  });

  it('ignores a callback that is not for the pending attempt', async () => {
    await t.account.start();
    await t.account.signIn();
    t.signIn.nextStep = { kind: 'ignored' };
    await t.account.receiveCallback('dev.latchkey.app:/auth/callback?code=evil&state=other');
    expect(t.account.state.kind).toBe('signingIn');
    expect(t.vault.token).toBeNull();
  });

  it('times out to signed out with a sentence', async () => {
    await t.account.start();
    await t.account.signIn();
    t.signIn.timeOut();
    expect(t.account.state).toEqual({ kind: 'signedOut', notice: { tone: 'info', text: 'Sign-in timed out.' } });
  });

  it('keeps a pasted-code mistake inside the attempt', async () => {
    await t.account.start();
    await t.account.signIn();
    t.signIn.nextStep = { kind: 'failed', message: 'That code was not accepted.' };
    expect(await t.account.submitCode('nope')).toMatchObject({ ok: false, code: 'exchange_rejected' });
    expect(t.account.state).toMatchObject({ kind: 'signingIn', notice: { text: 'That code was not accepted.' } });
  });

  it('resumes an attempt saved before a restart', async () => {
    t.signIn.attempt = { expiresAt: t.clock.now() + 300_000, via: 'loopback' };
    await t.account.start();
    expect(t.account.state).toMatchObject({ kind: 'signingIn', via: 'loopback' });
  });

  it('returns to the live session when a renewal is cancelled', async () => {
    t.returning(20 * hour);
    await t.account.start();
    await t.account.signIn();
    await t.account.cancelSignIn();
    expect(t.account.state.kind).toBe('expiringSoon');
    expect(t.vault.token).toBe('tok-1');
  });

  it('signs out offline too: token, attempt and profile gone, revocation tried', async () => {
    t.returning(7 * 24 * hour);
    await t.account.start();
    t.server.down = true;
    await t.account.signOut();
    expect(t.account.state).toEqual({ kind: 'signedOut', notice: null });
    expect(t.vault.token).toBeNull();
    expect(t.vault.cached).toBeNull();
    expect(t.signIn.cancels).toBe(1);
    expect(t.clock.pendingTimers()).toBe(0);
  });

  it('revokes the session on the server when online', async () => {
    t.returning(7 * 24 * hour);
    await t.account.start();
    await t.account.signOut();
    expect(t.server.signOuts).toEqual(['tok-1']);
  });
});
