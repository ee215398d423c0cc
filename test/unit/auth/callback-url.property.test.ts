import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCallback } from '../../../src/core/auth/callback-url';

const scheme = 'dev.latchkey.app';
const expectation = { scheme, loopbackPort: 49_152 };
const bases = [`${scheme}:/auth/callback`, 'http://127.0.0.1:49152/auth/callback'];
const tokenChars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~'.split('');
const token = fc.string({ unit: fc.constantFrom(...tokenChars), minLength: 1, maxLength: 80 });

/** Pieces an attacker would reach for: other schemes, authorities, encodings, separators, control bytes. */
const hostile = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    '', '?', '&', '=', '#', '%', '%00', '%2F', '%0A', '\n', '\r\n', '\0', ' ', '"', "'", '<script>', '..', '/', '//', '\\', '@',
    'javascript:', 'file:///', `${scheme}://`, `${scheme}.dev:`, 'HTTP://127.0.0.1:49152', 'http://localhost:49152', '\u202e', '\uFEFF',
    'code=', 'state=', 'error=', 'error_description=', 'redirect_uri=', '+', '%ZZ', 'ＡＢＣ',
  ),
);

describe('the callback parser under hostile input (fast-check)', () => {
  it('never throws, and accepts only URLs with our redirect URI and well-formed parameters', () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: 8 }), fc.boolean(), fc.constantFrom(...bases), (parts, prefixed, base) => {
        const url = (prefixed ? `${base}?` : '') + parts.join('');
        const parse = parseCallback(url, expectation);
        if (!parse.ok) return;
        expect(url.length).toBeLessThanOrEqual(4096);
        expect(/^[\x21-\x7E]+$/u.test(url)).toBe(true);
        expect(bases).toContain(parse.callback.redirectUri);
        const query = url.slice(url.indexOf('?') + 1);
        const names = query.split('&').map((pair) => pair.slice(0, pair.indexOf('=')));
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) expect(['code', 'state', 'error', 'error_description']).toContain(name);
        if (parse.callback.kind === 'code') {
          expect(parse.callback.code).toMatch(/^[A-Za-z0-9._~-]{1,512}$/u);
          expect(parse.callback.state).toMatch(/^[A-Za-z0-9._~-]{1,512}$/u);
        }
      }),
      { numRuns: 12_000 },
    );
  });

  it('never accepts anything that is not a string', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        if (typeof value === 'string') return;
        expect(parseCallback(value, expectation).ok).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });

  it('accepts every well-formed callback and returns its code and state unchanged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...bases), token, token, fc.boolean(), (base, code, state, swap) => {
        const query = swap ? `state=${state}&code=${code}` : `code=${code}&state=${state}`;
        expect(parseCallback(`${base}?${query}`, expectation)).toEqual({ ok: true, callback: { kind: 'code', redirectUri: base, code, state } });
      }),
      { numRuns: 2_000 },
    );
  });

  it('rejects a well-formed callback once anything is added, doubled or put on another scheme', () => {
    const mutation = fc.oneof(
      fc.constant((u: string) => `${u}&code=x`),
      fc.constant((u: string) => `${u}&state=x`),
      fc.constant((u: string) => `${u}&extra=1`),
      fc.constant((u: string) => `${u}#frag`),
      fc.constant((u: string) => u.replace(/^([^:]+):/u, '$1:/')),
      fc.constant((u: string) => u.replace('/auth/callback', '/auth/callback/')),
      fc.constant((u: string) => u.replace('/auth/callback', '/auth/Callback')),
      fc.constant((u: string) => u.replace('127.0.0.1:49152', '127.0.0.1:49153').replace(`${scheme}:`, `${scheme}x:`)),
      fc.constant((u: string) => `evil${u}`),
      fc.constant((u: string) => u.replace('?', '?&')),
    );
    fc.assert(
      fc.property(fc.constantFrom(...bases), token, token, mutation, (base, code, state, mutate) => {
        expect(parseCallback(mutate(`${base}?code=${code}&state=${state}`), expectation).ok).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});
