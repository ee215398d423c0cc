import { describe, expect, it } from 'vitest';
import { callbackLogFields, parseCallback } from '../../../src/core/auth/callback-url';

const scheme = 'dev.latchkey.app';
const expect_ = { scheme, loopbackPort: 53_682 };
const base = `${scheme}:/auth/callback`;
const loop = 'http://127.0.0.1:53682/auth/callback';
const code = 'c0de-Of_128.bits~xxxxxxxxxxxxxxx';
const state = 'st4te-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';

describe('the callback parser accepts', () => {
  it.each([
    ['a code on the custom scheme', `${base}?code=${code}&state=${state}`, base],
    ['parameters in either order', `${base}?state=${state}&code=${code}`, base],
    ['an upper-case scheme, which RFC 3986 §3.1 treats alike', `DEV.LATCHKEY.APP:/auth/callback?code=${code}&state=${state}`, base],
    ['a code on the listener’s own loopback port', `${loop}?code=${code}&state=${state}`, loop],
    ['percent-encoded characters of the token set', `${base}?code=abc%2Ddef&state=${state}`, base],
  ])('%s', (_label, url, redirectUri) => {
    const parse = parseCallback(url, expect_);
    expect(parse).toMatchObject({ ok: true, callback: { kind: 'code', redirectUri, state } });
  });

  it('an error with its state and description', () => {
    expect(parseCallback(`${base}?error=access_denied&state=${state}&error_description=The%20user%20said%20no`, expect_)).toEqual({
      ok: true,
      callback: { kind: 'error', redirectUri: base, error: 'access_denied', description: 'The user said no', state },
    });
  });

  it('an error without a state (the flow then ignores it)', () => {
    expect(parseCallback(`${base}?error=invalid_request`, expect_)).toMatchObject({ ok: true, callback: { state: null } });
  });
});

describe('the callback parser rejects, with a reason', () => {
  it.each([
    ['a number', 42, 'not a string'],
    ['an empty string', '', 'empty'],
    ['a huge URL', `${base}?code=${'a'.repeat(5000)}&state=${state}`, 'too long'],
    ['a space', `${base}?code=a b&state=${state}`, 'characters a URL cannot hold'],
    ['a newline', `${base}?code=${code}&state=${state}\n`, 'characters a URL cannot hold'],
    ['non-ASCII', `${base}?code=ç&state=${state}`, 'characters a URL cannot hold'],
    ['a fragment', `${base}?code=${code}&state=${state}#x`, 'a fragment'],
    ['another scheme', `evil.app:/auth/callback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['the development scheme’s prefix', `${scheme}.dev:/auth/callback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['an authority', `${scheme}://auth/callback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['another path', `${scheme}:/auth/callbackx?code=${code}&state=${state}`, 'not our redirect URI'],
    ['a dot segment', `${scheme}:/auth/../auth/callback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['an encoded path', `${scheme}:/auth/%63allback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['a trailing slash', `${base}/?code=${code}&state=${state}`, 'not our redirect URI'],
    ['another loopback port', `http://127.0.0.1:1234/auth/callback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['localhost instead of 127.0.0.1', `http://localhost:53682/auth/callback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['https on the loopback', `https://127.0.0.1:53682/auth/callback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['credentials', `http://x@127.0.0.1:53682/auth/callback?code=${code}&state=${state}`, 'not our redirect URI'],
    ['no query', base, 'no parameters'],
    ['an empty query', `${base}?`, 'a malformed parameter'],
    ['an empty pair', `${base}?code=${code}&&state=${state}`, 'a malformed parameter'],
    ['a bare name', `${base}?code&state=${state}`, 'a malformed parameter'],
    ['an extra parameter', `${base}?code=${code}&state=${state}&redirect=https://evil`, 'an unexpected parameter'],
    ['a bracketed name', `${base}?code[]=${code}&state=${state}`, 'an unexpected parameter'],
    ['a duplicated code', `${base}?code=${code}&code=other&state=${state}`, 'a duplicated code'],
    ['a duplicated state', `${base}?code=${code}&state=${state}&state=${state}`, 'a duplicated state'],
    ['bad percent-encoding', `${base}?code=%E0%A4%A&state=${state}`, 'a badly encoded code'],
    ['a code with a quote', `${base}?code=a%22b&state=${state}`, 'a malformed code'],
    ['an empty code', `${base}?code=&state=${state}`, 'a malformed code'],
    ['an oversized code', `${base}?code=${'a'.repeat(513)}&state=${state}`, 'a malformed code'],
    ['an oversized state', `${base}?code=${code}&state=${'s'.repeat(513)}`, 'a malformed state'],
    ['a state with markup', `${base}?code=${code}&state=%3Cscript%3E`, 'a malformed state'],
    ['a code without a state', `${base}?code=${code}`, 'no state'],
    ['a state alone', `${base}?state=${state}`, 'no code'],
    ['a code and an error', `${base}?code=${code}&error=access_denied&state=${state}`, 'both a code and an error'],
    ['an error in capitals', `${base}?error=ACCESS_DENIED&state=${state}`, 'a malformed error'],
    ['a description alone', `${base}?code=${code}&state=${state}&error_description=x`, 'an error_description without an error'],
    ['a description with a backslash', `${base}?error=access_denied&error_description=a%5Cb`, 'a malformed error_description'],
  ])('%s', (_label, url, reason) => {
    expect(parseCallback(url, expect_)).toEqual({ ok: false, reason });
  });

  it('a loopback callback when no listener is open', () => {
    expect(parseCallback(`${loop}?code=${code}&state=${state}`, { scheme, loopbackPort: null })).toEqual({ ok: false, reason: 'not our redirect URI' });
  });
});

describe('the log fields of a callback', () => {
  it('never carry the code, only what kind of callback it was', () => {
    const accepted = callbackLogFields(parseCallback(`${base}?code=${code}&state=${state}`, expect_));
    const rejected = callbackLogFields(parseCallback(`${base}?code=${code}&code=${code}&state=${state}`, expect_));
    expect(accepted).toEqual({ accepted: true, redirect: base, carries: 'code' });
    expect(rejected).toEqual({ accepted: false, reason: 'a duplicated code' });
    expect(JSON.stringify([accepted, rejected])).not.toContain(code);
  });
});

describe('the callback parser and the issuer (RFC 9207)', () => {
  const issuer = 'https://auth.example.com';
  it.each([
    ['the issuer we expect', `${base}?code=${code}&state=${state}&iss=${encodeURIComponent(issuer)}`, { issuer, required: true }, null],
    ['no iss from a server that never promised one', `${base}?code=${code}&state=${state}`, { issuer, required: false }, null],
    ['an error that names the issuer', `${base}?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`, { issuer, required: true }, null],
    ['another server’s iss', `${base}?code=${code}&state=${state}&iss=${encodeURIComponent('https://evil.example.com')}`, { issuer, required: true }, 'an iss naming another server'],
    ['another server’s iss, even unpromised', `${base}?code=${code}&state=${state}&iss=${encodeURIComponent('https://evil.example.com')}`, { issuer, required: false }, 'an iss naming another server'],
    ['the issuer with a trailing slash', `${base}?code=${code}&state=${state}&iss=${encodeURIComponent(`${issuer}/`)}`, { issuer, required: true }, 'an iss naming another server'],
    ['no iss from a server that promised it', `${base}?code=${code}&state=${state}`, { issuer, required: true }, 'no iss from a server that sends one'],
    ['an iss that is not a URL', `${base}?code=${code}&state=${state}&iss=auth`, { issuer, required: true }, 'a malformed iss'],
    ['an iss with a query', `${base}?code=${code}&state=${state}&iss=${encodeURIComponent(`${issuer}?x=1`)}`, { issuer, required: true }, 'a malformed iss'],
    ['two iss', `${base}?code=${code}&state=${state}&iss=${encodeURIComponent(issuer)}&iss=${encodeURIComponent(issuer)}`, { issuer, required: true }, 'a duplicated iss'],
  ])('%s', (_label, url, expected, reason) => {
    const parse = parseCallback(url, { ...expect_, issuer: expected });
    expect(parse).toEqual(reason === null ? expect.objectContaining({ ok: true }) : { ok: false, reason });
  });
});
