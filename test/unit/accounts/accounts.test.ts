import { describe, expect, it } from 'vitest';
import type { SignInOptions, SignInStep, SignInVia, TokenVault } from '../../../src/core/account/ports';
import { Accounts, type AccountSlots } from '../../../src/core/accounts/accounts';
import { accountsFetch, UnknownAccountError } from '../../../src/core/accounts/account-fetch';
import { toAccountListView } from '../../../src/core/accounts/account-list-view';
import { OtherServerError } from '../../../src/core/session/authenticated-fetch';
import { accountSlots, type AccountSlot } from '../../../src/core/vault/records';
import { FakeClock, settle } from '../../harness/fake-clock';
import { memoryAccountDeps, MemoryVault, RecordingNotifier, ScriptedSignIn, SessionServer } from '../account/fakes';

const origin = 'http://127.0.0.1:4455';
const day = 24 * 3_600_000;

/** Ten memory vaults, one per slot, and the active slot as the store would keep it. */
class MemorySlots implements AccountSlots {
  readonly vaults = accountSlots.map(() => new MemoryVault());
  active: AccountSlot | null = null;
  forSlot(slot: AccountSlot): TokenVault {
    return this.vaults[slot]!;
  }
  occupiedSlots(): AccountSlot[] {
    return accountSlots.filter((slot) => this.vaults[slot]!.token !== null || this.vaults[slot]!.cached !== null);
  }
  activeSlot() {
    return this.active;
  }
  setActiveSlot(slot: AccountSlot) {
    this.active = slot;
  }
}

/** The scripted flow, remembering the prompt each sign-in asked for. */
class PromptedSignIn extends ScriptedSignIn {
  prompts: (string | undefined)[] = [];
  options: (SignInOptions | undefined)[] = [];
  override async start(via: SignInVia, options?: SignInOptions) {
    this.prompts.push(options?.prompt);
    this.options.push(options);
    return super.start(via as 'scheme');
  }
}

function world() {
  const clock = new FakeClock();
  const server = new SessionServer();
  server.clock = () => clock.now();
  const signIn = new PromptedSignIn(clock);
  const slots = new MemorySlots();
  const base = memoryAccountDeps({ clock, vault: new MemoryVault(), server, notifier: new RecordingNotifier(), signIn });
  /** When each session check reached the server. */
  const checkedAt: number[] = [];
  /** Which server each token was sent to. */
  const sentTo: { origin: string; token: string }[] = [];
  const http: typeof server.http = (input, init) => {
    if (String(input).endsWith('/get-session')) checkedAt.push(clock.now());
    const bearer = new Headers(init?.headers).get('authorization');
    if (bearer) sentTo.push({ origin: new URL(String(input)).origin, token: bearer.replace(/^Bearer /u, '') });
    return server.http(input, init);
  };
  const make = () => new Accounts({ ...base, http, vault: slots, signIn, checkSpacingMs: 2_000 });
  const person = (n: number) => ({ id: `user-${n}`, email: `person${n}@example.test`, name: `Person ${n}`, image: null });
  /** The browser comes back with a session for person `n`. */
  /** `at`: the server that issued it, when not the configured one. */
  const session = (n: number, token = `token-${n}-${Math.random().toString(36).slice(2)}`, at?: string): SignInStep => {
    server.sessions.set(token, { expiresAt: clock.now() + 7 * day, user: person(n) });
    return { kind: 'signedIn', token, expiresAt: clock.now() + 7 * day, remainingMs: 7 * day, user: person(n), ...(at ? { serverOrigin: at } : {}) };
  };
  return { clock, server, signIn, slots, make, session, person, checkedAt, sentTo };
}

const otherServer = 'https://auth.other.example';

/** Person `n` signs in: the first account, another one added, or one added on the other server. */
async function signInAs(accounts: Accounts, w: ReturnType<typeof world>, n: number, how: 'first' | 'add' | 'other server' = 'add') {
  if (how === 'first') await accounts.active.signIn('scheme');
  else expect(await accounts.add('scheme', how === 'other server' ? otherServer : undefined)).toEqual({ ok: true });
  w.signIn.nextStep = w.session(n, undefined, how === 'other server' ? otherServer : undefined);
  await accounts.receiveCallback('latchkey:/auth/callback?code=x&state=y');
  await settle();
}

/** A started app with person 1 signed in as its first account. */
async function withFirstAccount() {
  const w = world();
  const accounts = w.make();
  await accounts.start();
  await signInAs(accounts, w, 1, 'first');
  return { w, accounts };
}

describe('the accounts', () => {
  it('adds a person with prompt=select_account and makes them active, the first one kept', async () => {
    const { w, accounts } = await withFirstAccount();
    await signInAs(accounts, w, 2);
    expect(w.signIn.prompts).toEqual([undefined, 'select_account']);
    expect(accounts.list().map(({ account }) => [account.profile?.email, account.state.kind])).toEqual([
      ['person1@example.test', 'signedIn'],
      ['person2@example.test', 'signedIn'],
    ]);
    expect(accounts.active.profile?.id).toBe('user-2');
    expect(w.slots.active, 'the active account is remembered for the next start').toBe(1);
  });

  it('refreshes a person who signs in again instead of adding them twice', async () => {
    const { w, accounts } = await withFirstAccount();
    await signInAs(accounts, w, 2);
    const before = w.slots.vaults[0]!.token;
    await signInAs(accounts, w, 1);
    expect(accounts.list().map(({ account }) => account.profile?.id)).toEqual(['user-1', 'user-2']);
    expect(w.slots.vaults[0]!.token, 'the session was replaced with the new one').not.toBe(before);
    expect(w.server.signOuts, 'the replaced session was ended on the server').toEqual([before]);
    expect(accounts.active.profile?.id).toBe('user-1');
    expect(w.slots.occupiedSlots()).toEqual([0, 1]);
  });

  it('holds ten accounts and refuses the eleventh with a sentence', async () => {
    const w = world();
    const accounts = w.make();
    await accounts.start();
    await signInAs(accounts, w, 0, 'first');
    for (let n = 1; n < 10; n += 1) await signInAs(accounts, w, n);
    expect(accounts.list()).toHaveLength(10);
    expect(await accounts.add('scheme')).toEqual({ ok: false, code: 'account_limit', message: 'Latchkey holds up to 10 accounts. Sign out of one to add another.' });
    expect(w.signIn.starts, 'no browser was opened for the eleventh').toHaveLength(10);
    const view = toAccountListView(
      accounts.list().map(({ slot, account }) => ({ id: String(slot), state: account.state, serverOrigin: account.serverOrigin, active: slot === accounts.activeSlot })),
      10,
      false,
      true,
    );
    expect(view).toMatchObject({ canAdd: false, otherServers: false, limitReached: 'Latchkey holds up to 10 accounts. Sign out of one to add another.' });
    expect(view.items).toHaveLength(10);
  });

  it('drops an addition cancelled in the browser and goes back to the account that was active', async () => {
    const { w, accounts } = await withFirstAccount();
    await accounts.add('scheme');
    expect(accounts.list()).toHaveLength(2);
    w.signIn.nextStep = { kind: 'ended', message: 'Sign-in was cancelled in the browser.' };
    await accounts.receiveCallback('latchkey:/auth/callback?error=access_denied&state=y');
    await settle();
    expect(accounts.list().map(({ account }) => account.profile?.id)).toEqual(['user-1']);
    expect(accounts.active.state.kind).toBe('signedIn');
  });

  it('spreads the checks after a wake: ten accounts never ask the server in the same moment', async () => {
    const w = world();
    const accounts = w.make();
    await accounts.start();
    await signInAs(accounts, w, 0, 'first');
    for (let n = 1; n < 10; n += 1) await signInAs(accounts, w, n);
    w.checkedAt.length = 0;
    const waking = accounts.systemResumed();
    await settle();
    await w.clock.advance(30_000);
    await waking;
    const woke = w.checkedAt[0]!;
    expect(w.checkedAt, 'one check every two seconds, the active account first').toEqual(Array.from({ length: 10 }, (_, turn) => woke + turn * 2_000));
  });

  it('sends each token only to its own server, and names an account explicitly', async () => {
    const { w, accounts } = await withFirstAccount();
    await signInAs(accounts, w, 2);
    const fetches = accountsFetch(accounts, w.server.http);
    const as1 = await fetches.as({ serverOrigin: origin, userId: 'user-1' })(`${origin}/api/auth/get-session`);
    expect(await as1.json()).toMatchObject({ user: { id: 'user-1' } });
    const active = await fetches.active(`${origin}/api/auth/get-session`);
    expect(await active.json()).toMatchObject({ user: { id: 'user-2' } });
    await expect(fetches.active('https://elsewhere.example.com/api')).rejects.toBeInstanceOf(OtherServerError);

    const asFirst = fetches.as({ serverOrigin: origin, userId: 'user-1' });
    await accounts.signOut(0);
    await expect(asFirst(`${origin}/api/auth/get-session`), 'an account signed out since is named as gone').rejects.toBeInstanceOf(UnknownAccountError);
    expect(() => fetches.as({ serverOrigin: origin, userId: 'user-9' })).toThrow(UnknownAccountError);
  });

  it('restores every saved account at start, the saved active one active, and a pending attempt goes to it', async () => {
    const w = world();
    const first = w.make();
    await first.start();
    await signInAs(first, w, 1, 'first');
    await signInAs(first, w, 2);
    first.select(0);
    first.stop();
    // A sign-in left pending before the restart (as an upgrade from one account leaves it).
    w.signIn.attempt = { expiresAt: w.clock.now() + 600_000, via: 'scheme' };
    const restarted = w.make();
    const starting = restarted.start();
    expect(restarted.list().map(({ account }) => account.profile?.id), 'cached profiles at once').toEqual(['user-1', 'user-2']);
    await starting;
    expect(restarted.active.profile?.id).toBe('user-1');
    expect(restarted.active.state.kind).toBe('signedIn');
    w.signIn.nextStep = w.session(1);
    await restarted.receiveCallback('latchkey:/auth/callback?code=x&state=y');
    await settle();
    expect(restarted.list()).toHaveLength(2);
    expect(restarted.active.token).toBe(w.slots.vaults[0]!.token);
  });
});

describe('accounts on two servers', () => {
  it('starts an addition on the typed server and keeps the same user id on two servers as two accounts', async () => {
    const { w, accounts } = await withFirstAccount();
    await signInAs(accounts, w, 1, 'other server');
    expect(w.signIn.options.at(-1), 'the sign-in is bound to the other server').toEqual({ serverOrigin: otherServer, prompt: 'select_account' });
    expect(accounts.list().map(({ account }) => [account.serverOrigin, account.profile?.id])).toEqual([
      [origin, 'user-1'],
      [otherServer, 'user-1'],
    ]);
    expect(accounts.find({ serverOrigin: otherServer, userId: 'user-1' })).toBe(accounts.active);
    const [atHome, atOther] = accounts.list().map(({ account }) => account.token!);
    const view = toAccountListView(
      accounts.list().map(({ slot, account }) => ({ id: String(slot), state: account.state, serverOrigin: account.serverOrigin, active: slot === accounts.activeSlot })),
      10,
      false,
      true,
    );
    expect(view.items.map((item) => item.server), 'the host is shown once there are two servers').toEqual(['127.0.0.1:4455', 'auth.other.example']);

    w.sentTo.length = 0;
    const waking = accounts.systemResumed();
    await settle();
    await w.clock.advance(10_000);
    await waking;
    expect(new Set(w.sentTo.map(({ origin: to, token }) => `${token === atHome ? 'home' : token === atOther ? 'other' : '?'} → ${to}`))).toEqual(new Set([`home → ${origin}`, `other → ${otherServer}`]));
  });

  it('renews an account on its own server, asking the page for that person', async () => {
    const { w, accounts } = await withFirstAccount();
    await signInAs(accounts, w, 2, 'other server');
    await accounts.active.signIn('scheme');
    expect(w.signIn.options.at(-1)).toEqual({ serverOrigin: otherServer, loginHint: 'person2@example.test' });
    accounts.select(0);
    await accounts.active.signIn('scheme');
    expect(w.signIn.options.at(-1), 'the configured server needs no origin').toEqual({ loginHint: 'person1@example.test' });
  });

  it('restores an account on another server to that server after a restart', async () => {
    const { w, accounts: first } = await withFirstAccount();
    await signInAs(first, w, 2, 'other server');
    first.stop();
    w.sentTo.length = 0;
    const restarted = w.make();
    await restarted.start();
    await w.clock.advance(10_000);
    await settle();
    expect(restarted.list().map(({ account }) => account.serverOrigin)).toEqual([origin, otherServer]);
    const otherToken = restarted.list()[1]!.account.token!;
    expect(w.sentTo.filter(({ token }) => token === otherToken).map(({ origin: to }) => to)).toEqual([otherServer]);
  });

  it('gives a session from another server to an account there, never to the account on this one that resumed the attempt', async () => {
    const { w, accounts } = await withFirstAccount();
    const homeToken = accounts.active.token;
    // After a restart the active account adopts whatever attempt was saved: here one on the other server.
    await accounts.active.signIn('scheme');
    w.signIn.nextStep = w.session(1, undefined, otherServer);
    await accounts.receiveCallback('latchkey:/auth/callback?code=x&state=y');
    await settle();
    expect(accounts.list().map(({ account }) => [account.serverOrigin, account.profile?.id, account.state.kind])).toEqual([
      [origin, 'user-1', 'signedIn'],
      [otherServer, 'user-1', 'signedIn'],
    ]);
    expect(accounts.list()[0]!.account.token, 'the account on this server keeps its own session').toBe(homeToken);
    expect(accounts.active.serverOrigin).toBe(otherServer);
  });

  it('never sends a token to a server named by an edited profile on disk, and keeps the token bound to its own server', async () => {
    const { w, accounts: first } = await withFirstAccount();
    await signInAs(first, w, 2, 'other server');
    const [homeToken, otherToken] = first.list().map(({ account }) => account.token!) as [string, string];
    expect(w.slots.vaults[1]!.token, 'the secret names its server').toBe(`${otherServer} ${otherToken}`);
    first.stop();
    // The profiles are plain on disk: something rewrites them to send each token elsewhere.
    w.slots.vaults[0]!.cached = { ...w.slots.vaults[0]!.cached!, serverOrigin: 'https://evil.example' };
    w.slots.vaults[1]!.cached = { ...w.slots.vaults[1]!.cached!, serverOrigin: origin };
    w.sentTo.length = 0;
    const restarted = w.make();
    await restarted.start();
    await w.clock.advance(10_000);
    await settle();
    expect(w.sentTo.filter(({ origin: to }) => to === 'https://evil.example'), 'nothing went to the server the edit named').toEqual([]);
    expect(w.sentTo.filter(({ token }) => token === otherToken || token.includes(otherToken)), 'the other server’s token did not go to this one').toEqual([]);
    expect(restarted.list().every(({ account }) => account.token === null), 'neither token is used').toBe(true);
    expect(w.sentTo.map(({ token }) => token)).not.toContain(homeToken);
  });
});
