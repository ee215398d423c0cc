import { describe, expect, it } from 'vitest';
import { ExpiryNotices, expiryPhase, nextPhaseChange, recheckDelay } from '../../../src/core/session/expiry';

const hour = 3_600_000;
const thresholds = [24 * hour, hour];
const expiresAt = Date.UTC(2026, 11, 1);

describe('expiryPhase', () => {
  it.each([
    ['three days left', 72 * hour, { kind: 'fresh' }],
    ['exactly 24 h left', 24 * hour, { kind: 'expiringSoon', threshold: 24 * hour }],
    ['five hours left', 5 * hour, { kind: 'expiringSoon', threshold: 24 * hour }],
    ['59 minutes left', hour - 60_000, { kind: 'expiringSoon', threshold: hour }],
    ['one millisecond left', 1, { kind: 'expiringSoon', threshold: hour }],
    ['at expiry', 0, { kind: 'expired' }],
    ['a day past expiry', -24 * hour, { kind: 'expired' }],
  ])('%s', (_name, left, phase) => {
    expect(expiryPhase(expiresAt - left, expiresAt, thresholds)).toEqual(phase);
  });

  it('treats thresholds in any order alike', () => {
    expect(expiryPhase(expiresAt - 30 * 60_000, expiresAt, [hour, 24 * hour])).toEqual({ kind: 'expiringSoon', threshold: hour });
  });
});

describe('nextPhaseChange and recheckDelay', () => {
  it('looks again at the next threshold, then at expiry', () => {
    expect(nextPhaseChange(expiresAt - 72 * hour, expiresAt, thresholds)).toBe(expiresAt - 24 * hour);
    expect(nextPhaseChange(expiresAt - 5 * hour, expiresAt, thresholds)).toBe(expiresAt - hour);
    expect(nextPhaseChange(expiresAt - 10, expiresAt, thresholds)).toBe(expiresAt);
  });

  it('caps the wait so a sleep or a clock change is noticed', () => {
    expect(recheckDelay(expiresAt - 72 * hour, expiresAt, thresholds, 60_000)).toBe(60_000);
    expect(recheckDelay(expiresAt - 10, expiresAt, thresholds, 60_000)).toBe(10);
    expect(recheckDelay(expiresAt + 10, expiresAt, thresholds, 60_000)).toBe(0);
  });
});

describe('ExpiryNotices', () => {
  it('announces each threshold once, the most urgent when several are crossed at once', () => {
    const notices = new ExpiryNotices();
    expect(notices.thresholdToAnnounce(expiresAt - 30 * hour, expiresAt, thresholds)).toBeNull();
    expect(notices.thresholdToAnnounce(expiresAt - 20 * hour, expiresAt, thresholds)).toBe(24 * hour);
    expect(notices.thresholdToAnnounce(expiresAt - 19 * hour, expiresAt, thresholds)).toBeNull();
    expect(notices.thresholdToAnnounce(expiresAt - 30 * 60_000, expiresAt, thresholds)).toBe(hour);
    expect(notices.thresholdToAnnounce(expiresAt - 20 * 60_000, expiresAt, thresholds)).toBeNull();
  });

  it('after a sleep past both thresholds announces only the nearer one, once', () => {
    const notices = new ExpiryNotices();
    expect(notices.thresholdToAnnounce(expiresAt - 10 * 60_000, expiresAt, thresholds)).toBe(hour);
    expect(notices.thresholdToAnnounce(expiresAt - 5 * 60_000, expiresAt, thresholds)).toBeNull();
  });

  it('announces again when the server moved expiry later and the threshold is crossed anew', () => {
    const notices = new ExpiryNotices();
    expect(notices.thresholdToAnnounce(expiresAt - 20 * hour, expiresAt, thresholds)).toBe(24 * hour);
    const extended = expiresAt + 7 * 24 * hour;
    expect(notices.thresholdToAnnounce(expiresAt - 20 * hour, extended, thresholds)).toBeNull();
    expect(notices.thresholdToAnnounce(extended - 2 * hour, extended, thresholds)).toBe(24 * hour);
  });

  it('announces expiry once per expiry', () => {
    const notices = new ExpiryNotices();
    expect(notices.expiryToAnnounce(expiresAt - 1, expiresAt)).toBe(false);
    expect(notices.expiryToAnnounce(expiresAt, expiresAt)).toBe(true);
    expect(notices.expiryToAnnounce(expiresAt + 5, expiresAt)).toBe(false);
    notices.reset();
    expect(notices.expiryToAnnounce(expiresAt + 5, expiresAt)).toBe(true);
  });
});
