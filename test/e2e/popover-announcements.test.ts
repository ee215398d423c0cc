import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failed } from '../../src/contract/outcome';
import type { AccountView } from '../../src/contract/view';
import { messages } from '../../src/core/account/messages';
import type { AccountState, Notice, Profile } from '../../src/core/account/state';
import { toAccountView } from '../../src/core/account/view';
import { vaultMessages } from '../../src/core/vault/messages';
import { deviceCode, now } from '../components/views';
import { AccessibilityTree, readPopover } from '../harness/accessibility-tree';
import type { PopoverRig } from '../harness/popover-rig';
import { quietViewContext } from '../harness/view-context';

/**
 * Every account state change, made into a view by the real view model and pushed to the real
 * popover, with what its live regions then hold, read from Chromium's accessibility tree.
 */
const minute = 60_000;
const ada: Profile = { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', image: null };
const context = quietViewContext({ shortcut: { accelerator: 'Alt+Shift+L', label: 'Alt+Shift+L', problem: null } });
const device = { userCode: 'WDJBMJHT', verificationUri: deviceCode.verificationUri, qr: { size: 0, path: '' }, trouble: null };
const states = {
  starting: { kind: 'starting', profile: ada },
  signedIn: { kind: 'signedIn', profile: ada, expiresAt: now + 3 * 24 * 60 * minute, lastConfirmedAt: now },
  offline: { kind: 'offline', profile: ada, expiresAt: now + 3 * 24 * 60 * minute, lastConfirmedAt: now - 5 * minute, trouble: 'network' },
  expiringSoon: { kind: 'expiringSoon', profile: ada, expiresAt: now + 10 * minute, lastConfirmedAt: now, threshold: 15 * minute },
  expired: { kind: 'expired', profile: ada, notice: { tone: 'warning', text: messages.sessionExpired } },
  renewing: { kind: 'signingIn', attemptExpiresAt: now + 10 * minute, via: 'scheme', device: null, profile: ada, notice: null },
  signedOut: { kind: 'signedOut', notice: null },
  device: { kind: 'signingIn', attemptExpiresAt: now + 10 * minute, via: 'device', device, profile: null, notice: null },
  deviceOffline: { kind: 'signingIn', attemptExpiresAt: now + 10 * minute, via: 'device', device: { ...device, trouble: 'offline' }, profile: null, notice: null },
  keyringLocked: { kind: 'keyringLocked', profile: ada },
  refused: { kind: 'signedOut', notice: { tone: 'error', text: 'The server did not accept that sign-in. Try signing in again.' } },
} satisfies Record<string, AccountState>;

const viewOf = (state: AccountState, at = now, otherNotice: Notice | null = null): AccountView => toAccountView(state, context, { now: at, otherNotice });

let rig: PopoverRig;
let tree: AccessibilityTree;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ rig, tree, close } = await readPopover(viewOf(states.starting), now));
});
afterAll(async () => {
  await close?.();
});

const signedIn = 'Signed in as Ada Lovelace.';
const transitions: [from: string, to: AccountView, polite: string][] = [
  ['starting', viewOf(states.signedIn), signedIn],
  ['signed in', viewOf(states.offline), 'Offline. Latchkey keeps your session and retries.'],
  ['offline', viewOf(states.signedIn), signedIn],
  ['signed in', viewOf(states.expiringSoon), 'Your session ends in 10 minutes.'],
  ['expiring soon', viewOf(states.expired, now + 10 * minute), 'Session expired — sign in again.'],
  ['expired', viewOf(states.renewing, now + 11 * minute), 'Waiting for your browser.'],
  ['waiting for the browser', viewOf(states.signedIn), signedIn],
  ['signed in', viewOf(states.signedOut), 'Signed out.'],
  ['signed out', viewOf(states.device), 'Waiting for your other device.'],
  ['device sign-in', viewOf(states.deviceOffline), 'Offline. Latchkey keeps trying and finishes the sign-in when it is back.'],
  ['device sign-in, offline', viewOf(states.signedIn), signedIn],
  ['signed in', viewOf(states.keyringLocked), 'Waiting for your system keyring.'],
  ['keyring locked', viewOf(states.signedIn), signedIn],
  ['signed in', viewOf(states.signedOut, now, { tone: 'warning', text: vaultMessages.weakNotAllowed }), `Signed out. ${vaultMessages.weakNotAllowed}`],
];

describe('what the popover announces', () => {
  it('has one polite and one assertive live region from the start', async () => {
    expect(await tree.liveRegionCount()).toEqual({ status: 1, alert: 1 });
    expect(await tree.liveRegion('status')).toBe('Checking your session.');
  });

  it.each(transitions)('%s → says "%s"', async (_from, to, polite) => {
    await rig.push(to);
    await expect.poll(() => tree.liveRegion('status')).toBe(polite);
    expect(await tree.liveRegionCount(), 'the regions stay; they are never inserted with their text').toEqual({ status: 1, alert: 1 });
  });

  it('says a view re-sent with the same meaning only once, though its words moved on', async () => {
    await rig.push(viewOf(states.expiringSoon));
    await expect.poll(() => tree.liveRegion('status')).toBe('Your session ends in 10 minutes.');
    // A push resolves after two frames evaluated in the page, which the protocol runs after the
    // view message it sent first: the re-sent view has been handled by then.
    await rig.push(viewOf(states.expiringSoon, now + 3 * minute));
    expect(await tree.liveRegion('status', { raw: true }), 'said once: no repeat marker').toBe('Your session ends in 10 minutes.');
    await rig.push(viewOf(states.offline));
    await expect.poll(() => tree.liveRegion('status')).toBe('Offline. Latchkey keeps your session and retries.');
    await rig.push(viewOf(states.expiringSoon, now + 4 * minute));
    await expect.poll(() => tree.liveRegion('status'), { message: 'the same meaning after a change is said again' }).toBe('Your session ends in 6 minutes.');
  });

  it('interrupts with an error notice: a refused sign-in', async () => {
    await rig.push(viewOf(states.refused));
    await expect.poll(() => tree.liveRegion('alert')).toBe('Signed out. The server did not accept that sign-in. Try signing in again.');
  });

  it('interrupts with a failed command, and confirms a copy politely with "Copied"', async () => {
    rig.answer('signIn', () => failed('network_unavailable', 'Latchkey could not reach the server. Check your connection and try again.'));
    await rig.push(viewOf(states.signedOut));
    await rig.page.getByRole('button', { name: 'Sign in with browser' }).press('Enter');
    await expect.poll(() => tree.liveRegion('alert')).toBe('Latchkey could not reach the server. Check your connection and try again.');
    await rig.push(viewOf(states.device));
    await rig.page.getByRole('button', { name: 'Copy' }).press('Enter');
    await expect.poll(() => tree.liveRegion('status')).toBe('Copied the address to the clipboard.');
  });

  it('reads the device code spelled out, from text of its own', async () => {
    await rig.push(viewOf(states.device));
    await expect(rig.page.getByText('Code: W D J B, M J H T', { exact: true }).count()).resolves.toBe(1);
    const snapshot = await rig.page.getByRole('region', { name: 'Sign in on another device' }).ariaSnapshot();
    expect(snapshot, 'the grouped code is not read as a word').not.toContain('WDJB-MJHT');
    expect(snapshot).toContain('Code: W D J B, M J H T');
  });
});
