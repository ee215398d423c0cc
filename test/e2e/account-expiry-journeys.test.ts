import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NotSignedInError } from '../../src/core/session/authenticated-fetch';
import { AccessibilityTree } from '../harness/accessibility-tree';
import type { Harness } from '../harness/app';
import type { TestAuthServer, TestUser } from '../harness/auth-server';
import type { Chromium } from '../harness/chromium';
import { FakeClock } from '../harness/fake-clock';
import { Machine, openLinkFromBrowser } from '../harness/journey';
import { accountStates, checkTokens, listedEmails, signInThrough, twoPeople, type TwoPeople } from '../harness/several-accounts';

/**
 * Two accounts on one server, and one of them runs out of time while the other stays: the app's
 * clock is moved by hand, and the server, whose clock is real, sees the same time pass as its
 * sessions' ends coming closer by as much. The server's sessions have a fixed lifetime (no sliding
 * renewal on use), so an account that keeps checking in still reaches its end, as it does on a
 * host that ends sessions by policy.
 */
const minute = 60_000;
const week = 7 * 24 * 3_600;
const endingSoonTitle = 'Your Latchkey session is ending soon';
const endedTitle = 'Your Latchkey session has ended';
let server: TestAuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
let machine: Machine;
let ada: TestUser;
let grace: TestUser;
let people: TwoPeople;

beforeAll(async () => {
  people = await twoPeople({ session: { expiresIn: week, updateAge: week } });
  ({ server, systemBrowser, popoverBrowser, ada, grace } = people);
});
afterAll(async () => {
  await people?.close();
});
afterEach(async () => {
  await machine?.dispose();
});

/** Moves the end of the server's session for `token` to `at` (ms on the server's clock). */
async function endSessionAt(token: string, at: number): Promise<void> {
  const { internalAdapter } = await server.server.auth.$context;
  await internalAdapter.updateSession(token, { expiresAt: new Date(at) });
}

/** `ms` pass for the app and for the server alike; the app's timers fire as they come due. */
async function timePasses(clock: FakeClock, ms: number): Promise<void> {
  const { internalAdapter } = await server.server.auth.$context;
  for (const user of [ada, grace]) {
    for (const session of await internalAdapter.listSessions(user.id)) await endSessionAt(session.token, session.expiresAt.getTime() - ms);
  }
  await clock.advance(ms);
}

const notices = (app: Harness) => app.double.notifications.map(({ options }) => ({ title: options.title, body: options.body }));

/** Presses Tab until `spoken` has the focus, as a person does; fails if it never comes. */
async function tabTo(machine: Machine, tree: AccessibilityTree, spoken: string | RegExp): Promise<void> {
  const seen: string[] = [];
  for (let press = 0; press < 16; press += 1) {
    await machine.popover().keyboard.press('Tab');
    const focused = await tree.focused();
    if (typeof spoken === 'string' ? focused === spoken : spoken.test(focused)) return;
    seen.push(focused);
  }
  throw new Error(`Tab never reached ${String(spoken)}; it went through: ${seen.join(' → ')}`);
}

describe('one account expiring while the other stays', () => {
  it('warns about and then ends only that account, names it, keeps the other active, and signs it in again in place by keyboard', { timeout: 90_000 }, async () => {
    const clock = new FakeClock(Date.now());
    await systemBrowser.context.clearCookies();
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start({ clock });
    await signInThrough(machine, app, 'Sign in with browser', ada);
    await expect.poll(() => app.app.account.state.kind).toBe('signedIn');
    await signInThrough(machine, app, 'Add another account', grace);
    await expect.poll(() => accountStates(app)).toEqual(['signedIn', 'signedIn']);
    const popover = machine.popover();
    const list = popover.getByRole('region', { name: 'Accounts' });
    await list.getByRole('button', { name: new RegExp(`^Ada Lovelace ${ada.email}`, 'u') }).click();
    await expect.poll(() => app.app.account.profile?.email).toBe(ada.email);
    const slots = app.app.accounts.list().map(({ slot }) => slot);
    const graceAccount = app.app.accounts.find({ serverOrigin: server.url, userId: grace.id })!;
    const graceToken = graceAccount.token!;

    // Grace's session has fifty minutes left on the server; Ada's has a week. At the next check
    // (every fifteen minutes) the server says Grace has under an hour: the first notice.
    await endSessionAt(graceToken, Date.now() + 50 * minute);
    await timePasses(clock, 16 * minute);
    await expect.poll(() => accountStates(app), { timeout: 10_000 }).toEqual(['signedIn', 'expiringSoon']);
    await list.getByRole('button', { name: new RegExp(`^Grace Hopper ${grace.email} Session ends soon$`, 'u') }).waitFor();
    await list.getByRole('button', { name: new RegExp(`^Ada Lovelace ${ada.email} Session expires in .* \\(active\\)$`, 'u') }).waitFor();
    const tray = app.double.trays[0]!;
    expect(tray.menuLabels(), 'the tray menu marks the account that needs attention').toEqual(expect.arrayContaining([ada.email, `${grace.email} — Session ends soon`]));
    expect(tray.menuItem(ada.email).checked, 'the active account is still the checked one').toBe(true);
    expect(tray.tooltip, 'the tray shows the active account, still signed in').toContain('Ada Lovelace');
    expect(notices(app), 'one notice, about Grace').toEqual([{ title: endingSoonTitle, body: expect.stringMatching(new RegExp(`^${grace.email}: `, 'u')) }]);
    const mine = await app.app.authenticatedFetch(`${server.url}/api/auth/get-session`);
    expect(await mine.json(), 'authenticatedFetch still answers as the active account').toMatchObject({ user: { email: ada.email } });
    await checkTokens(machine, app, server.url);

    // The rest of Grace's time passes: her session ends on the server, and the app says so.
    await timePasses(clock, 36 * minute);
    await expect.poll(() => accountStates(app), { timeout: 10_000 }).toEqual(['signedIn', 'expired']);
    const expiredEntry = list.getByRole('button', { name: new RegExp(`^Grace Hopper ${grace.email} Session expired$`, 'u') });
    await expiredEntry.waitFor();
    expect(tray.menuLabels()).toEqual(expect.arrayContaining([ada.email, `${grace.email} — Session expired`]));
    expect(tray.menuItem(ada.email).checked).toBe(true);
    expect(tray.tooltip).toContain('Ada Lovelace');
    expect(notices(app), 'each notice once, both about Grace').toEqual([
      { title: endingSoonTitle, body: expect.stringMatching(new RegExp(`^${grace.email}: `, 'u')) },
      { title: endedTitle, body: expect.stringMatching(new RegExp(`^${grace.email}: `, 'u')) },
    ]);
    expect(app.app.account.profile?.email, 'the active account is the one chosen before').toBe(ada.email);
    const stillMine = await app.app.authenticatedFetch(`${server.url}/api/auth/get-session`);
    expect(await stillMine.json()).toMatchObject({ user: { email: ada.email } });
    const graceFetch = app.app.authenticatedFetchAs({ serverOrigin: server.url, userId: grace.id });
    await expect(graceFetch(`${server.url}/api/auth/get-session`), 'the expired account sends nothing').rejects.toBeInstanceOf(NotSignedInError);
    expect(machine.filesContaining(graceToken), 'the ended token is gone from disk').toEqual([]);
    await checkTokens(machine, app, server.url);

    // By keyboard alone: Tab to Grace in the list, Enter to make her active, Tab to "Sign in again".
    const tree = await AccessibilityTree.of(popover);
    try {
      await tabTo(machine, tree, `button Grace Hopper ${grace.email} Session expired`);
      await popover.keyboard.press('Enter');
      await expect.poll(() => app.app.account.profile?.email).toBe(grace.email);
      await popover.getByRole('status').filter({ hasText: 'Session expired — sign in again.' }).waitFor();
      await tabTo(machine, tree, 'button Sign in again');
      const before = machine.opened.length;
      await popover.keyboard.press('Enter');
      // The browser is still signed in as Grace: she only approves.
      await openLinkFromBrowser(app, await machine.approveInBrowser(await machine.nextOpened(before + 1), grace));
    } finally {
      await tree.close();
    }

    // Refreshed in place: the same entry, a new session, and Ada untouched.
    await expect.poll(() => accountStates(app), { timeout: 10_000 }).toEqual(['signedIn', 'signedIn']);
    expect(listedEmails(app)).toEqual([ada.email, grace.email]);
    expect(app.app.accounts.list().map(({ slot }) => slot), 'the same entry, not a second one').toEqual(slots);
    expect(graceAccount.token, 'a new session').not.toBe(graceToken);
    await list.getByRole('button', { name: new RegExp(`^Grace Hopper ${grace.email} Session expires in .* \\(active\\)$`, 'u') }).waitFor();
    expect(tray.menuLabels()).toEqual(expect.arrayContaining([ada.email, grace.email]));
    await app.app.vault.settled();
    await checkTokens(machine, app, server.url);
  });
});

