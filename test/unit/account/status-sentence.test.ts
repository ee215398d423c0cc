import { describe, expect, it } from 'vitest';
import { announcementOf, statusSentence } from '../../../src/core/account/status-sentence';
import { trayPresentation } from '../../../src/core/account/tray-presentation';
import { messages } from '../../../src/core/account/messages';
import type { AccountState, Profile } from '../../../src/core/account/state';

const ada: Profile = { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', image: null };
const minute = 60_000;
const now = 1_000 * minute;
const expiring: AccountState = { kind: 'expiringSoon', profile: ada, expiresAt: now + 10 * minute, lastConfirmedAt: now, threshold: 15 * minute };

describe('one sentence per account state', () => {
  it('is what the popover announces, the tooltip shows and the notification says', () => {
    const signedIn: AccountState = { kind: 'signedIn', profile: ada, expiresAt: now + 60 * minute, lastConfirmedAt: now };
    expect(announcementOf(signedIn, null, now).text).toBe('Signed in as Ada Lovelace.');
    expect(trayPresentation(signedIn, 'Latchkey').tooltip).toBe('Latchkey: Signed in as Ada Lovelace.');
    expect(announcementOf(expiring, null, now).text).toBe('Your session ends in 10 minutes.');
    expect(messages.expiringSoonBody(10 * minute)).toBe('Your session ends in 10 minutes. Renew it to stay signed in.');
    expect(trayPresentation(expiring, 'Latchkey').tooltip, 'a tooltip stays up, so it names no time').toBe('Latchkey: Your session ends soon.');
  });

  it('keeps its id while only the time moves, so a re-sent view is not read again', () => {
    expect(announcementOf(expiring, null, now).id).toBe(announcementOf(expiring, null, now + 2 * minute).id);
    const offline: AccountState = { kind: 'offline', profile: ada, expiresAt: now + 60 * minute, lastConfirmedAt: null, trouble: 'network' };
    expect(announcementOf(offline, null, now).id).not.toBe(announcementOf(expiring, null, now).id);
  });

  it('adds the notice, and an error notice interrupts', () => {
    const signedOut: AccountState = { kind: 'signedOut', notice: { tone: 'error', text: messages.tokenLost } };
    expect(announcementOf(signedOut, signedOut.notice, now)).toEqual({
      id: `signedOut|||${messages.tokenLost}`,
      text: `Signed out. ${messages.tokenLost}`,
      politeness: 'assertive',
    });
    const expired: AccountState = { kind: 'expired', profile: ada, notice: { tone: 'warning', text: messages.sessionExpired } };
    expect(announcementOf(expired, expired.notice, now).text, 'not the same words twice').toBe(messages.sessionExpired);
  });

  it('says what a device sign-in is waiting for, and why it is stuck', () => {
    const device = { userCode: 'WDJBMJHT', verificationUri: 'https://x.test/device', qr: { size: 1, path: '' }, trouble: null };
    const waiting: AccountState = { kind: 'signingIn', attemptExpiresAt: now, via: 'device', device, profile: null, notice: null };
    expect(statusSentence(waiting)).toBe('Waiting for your other device.');
    expect(statusSentence({ ...waiting, device: { ...device, trouble: 'offline' } })).toMatch(/^Offline\./u);
    expect(statusSentence({ ...waiting, device: { ...device, trouble: 'server' } })).toBe('The sign-in server has a problem. Latchkey keeps trying.');
  });
});
