import { describe, expect, it } from 'vitest';
import { qrPathPattern } from '../../../src/contract/view';
import { groupedUserCode } from '../../../src/core/account/view';
import { qrModules } from '../../../src/core/device/device-qr';

describe('what the device view is sent', () => {
  it.each([
    ['WDJBMJHT', 'WDJB-MJHT'],
    ['WDJB-MJHT', 'WDJB-MJHT'],
    ['ABCDEFGHJK', 'ABCD-EFGH-JK'],
    ['ABCDE', 'ABCDE'],
  ])('groups %s for reading aloud as %s', (code, grouped) => {
    expect(groupedUserCode(code)).toBe(grouped);
  });

  it.each([
    'https://auth.example.com/device?user_code=WDJBMJHT',
    `https://auth.example.com/device?user_code=${'W'.repeat(32)}&tenant=${'x'.repeat(400)}`,
  ])('a QR code of %s is a path the popover accepts, and nothing else', async (address) => {
    const qr = await qrModules(address);
    expect(qr.size).toBeGreaterThanOrEqual(21 + 8);
    expect(qrPathPattern.test(qr.path)).toBe(true);
    expect(qr.path).toMatch(/^M/u);
  });

  it('the pattern refuses anything but squares of the four commands', () => {
    for (const foreign of ['M0 0h1v1h-1z"/><script>', 'M0 0L10 10', 'url(#x)', 'M0 0h1v1h-1zM1']) expect(qrPathPattern.test(foreign), foreign).toBe(false);
  });
});
