import { describe, expect, it } from 'vitest';
import { isOpenableServerUrl } from '../../../src/core/auth/openable-url';

describe('isOpenableServerUrl', () => {
  it.each([
    ['https://auth.example.com/desktop/authorize?x=1', 'https://auth.example.com', true],
    ['http://127.0.0.1:4455/desktop/authorize', 'http://127.0.0.1:4455', true],
    ['https://auth.example.com.evil.test/desktop/authorize', 'https://auth.example.com', false],
    ['https://auth.example.com:444/', 'https://auth.example.com', false],
    ['http://auth.example.com/desktop/authorize', 'http://auth.example.com', false],
    ['https://user:pass@auth.example.com/', 'https://auth.example.com', false],
    ['file:///etc/passwd', 'https://auth.example.com', false],
    ['javascript:alert(1)', 'https://auth.example.com', false],
    ['not a url', 'https://auth.example.com', false],
  ])('%s on %s → %s', (url, origin, expected) => {
    expect(isOpenableServerUrl(url, origin)).toBe(expected);
  });
});
