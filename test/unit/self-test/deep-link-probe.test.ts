import { describe, expect, it } from 'vitest';
import { parseCallback } from '../../../src/core/auth/callback-url';
import { deepLinkAdvice, selfTestLink, selfTestNonce } from '../../../src/core/self-test/deep-link-probe';

const scheme = 'dev.latchkey.app';
const nonce = 'AbCdEfGhIjKlMnOpQrStUv';

describe("the self-test's own link", () => {
  it('is never a sign-in, whatever parameters it carries', () => {
    for (const url of [selfTestLink(scheme, nonce), `${scheme}:/self-test?code=abc&state=xyz`, `${scheme.toUpperCase()}:/self-test?nonce=${nonce}`]) {
      expect(parseCallback(url, { scheme, loopbackPort: null })).toEqual({ ok: false, reason: 'not our redirect URI' });
    }
  });

  it.each([
    ['our link', selfTestLink(scheme, nonce), nonce],
    ['a scheme in capitals (RFC 3986 §3.1)', `DEV.LATCHKEY.APP:/self-test?nonce=${nonce}`, nonce],
    ['another scheme', `other.app:/self-test?nonce=${nonce}`, null],
    ['the callback path', `${scheme}:/auth/callback?nonce=${nonce}`, null],
    ['a nonce too short', `${scheme}:/self-test?nonce=abc`, null],
    ['an extra parameter', `${scheme}:/self-test?nonce=${nonce}&code=x`, null],
    ['a longer path', `${scheme}:/self-test/x?nonce=${nonce}`, null],
  ])('reads the nonce of %s', (_label, url, expected) => {
    expect(selfTestNonce(url, scheme)).toBe(expected);
  });

  it.each([
    ['win32', 'HKEY_CURRENT_USER\\Software\\Classes\\dev.latchkey.app\\shell\\open\\command'],
    ['darwin', 'CFBundleURLSchemes'],
    ['linux', 'xdg-mime query default x-scheme-handler/dev.latchkey.app` names dev.latchkey.app.url-handler.desktop'],
  ])('says what to check on %s when the link never came back', (platform, hint) => {
    expect(deepLinkAdvice({ platform, scheme, linuxEntry: 'dev.latchkey.app.url-handler.desktop' })).toContain(hint);
  });
});
