import { describe, expect, it } from 'vitest';
import { formatLogLine, redactText } from '../../../src/core/logging/redact';

const code = 'q3V9sK2fX0b7LmN4pR8tW1yZ6cE5gH2jA9dF3kS7uQx';
const token = 'Zt4pXq9LmN2bV7cR1sK8dF3gH6jW0yE5';

describe('redactText', () => {
  it.each([
    { text: `dev.latchkey.app.dev:/auth/callback?code=${code}&state=abc123`, expected: 'dev.latchkey.app.dev:/auth/callback?code=[redacted]&state=[redacted]', why: 'a callback URL' },
    { text: `Authorization: Bearer ${token}`, expected: 'Authorization: Bearer [redacted]', why: 'a bearer header' },
    { text: `exchange failed for ${code}`, expected: 'exchange failed for [redacted]', why: 'a bare code in a sentence' },
    { text: `token ${token} rejected`, expected: 'token [redacted] rejected', why: 'a bare session token' },
    { text: 'code=short', expected: 'code=[redacted]', why: 'a short value after a secret parameter name' },
  ])('hides $why', ({ text, expected }) => {
    expect(redactText(text)).toBe(expected);
  });

  it.each([
    'Sign-in started',
    'The store file was damaged; a copy was kept at /home/ada/.config/Latchkey/latchkey.json.corrupt-1764480000000',
    '2026-11-30T04:43:46.000Z',
    'gnome_libsecret',
    'The window manager places the popover itself; it is not anchored to the tray',
  ])('leaves ordinary words, paths and times alone: %s', (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe('formatLogLine', () => {
  it('writes one JSON line with secret-named fields and secret-looking values hidden', () => {
    const line = formatLogLine({
      time: '2026-11-30T04:43:46.000Z',
      level: 'warn',
      message: 'A sign-in callback was ignored',
      fields: { reason: 'state_mismatch', code, access_token: 'x', url: `http://127.0.0.1:5123/auth/callback?code=${code}`, attempts: 2 },
    });
    expect(line.includes('\n')).toBe(false);
    expect(line.includes(code)).toBe(false);
    expect(JSON.parse(line)).toEqual({
      time: '2026-11-30T04:43:46.000Z',
      level: 'warn',
      message: 'A sign-in callback was ignored',
      fields: { reason: 'state_mismatch', code: '[redacted]', access_token: '[redacted]', url: 'http://127.0.0.1:5123/auth/callback?code=[redacted]', attempts: 2 },
    });
  });
});
