import { describe, expect, it } from 'vitest';
import { challengeOf, createState, createVerifier, isValidVerifier } from '../../../src/core/auth/pkce';
import { systemRandom } from './fakes';

// RFC 7636 Appendix B: the octets, the verifier they encode to, and its S256 challenge.
const rfcOctets = [
  116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132,
  141, 121,
];

describe('PKCE', () => {
  it('reproduces the worked example of RFC 7636 Appendix B', () => {
    const verifier = createVerifier({ bytes: () => Uint8Array.from(rfcOctets) });
    expect(verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(challengeOf(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 unreserved characters and states of 256 bits, different each time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createVerifier(systemRandom)));
    expect(verifiers.size).toBe(50);
    for (const verifier of verifiers) expect(isValidVerifier(verifier)).toBe(true);
    const state = createState(systemRandom);
    expect(Buffer.from(state, 'base64url')).toHaveLength(32);
  });

  it('refuses a random source that gives fewer bytes than asked', () => {
    expect(() => createVerifier({ bytes: () => new Uint8Array(8) })).toThrow(/gave 8 bytes where 32/u);
  });

  it.each([
    ['42 characters', false, 'a'.repeat(42)],
    ['43 characters', true, 'a'.repeat(43)],
    ['128 characters', true, 'a'.repeat(128)],
    ['129 characters', false, 'a'.repeat(129)],
    ['a reserved character', false, `${'a'.repeat(42)}+`],
    ['a space', false, `${'a'.repeat(42)} `],
  ])('a verifier with %s is valid: %s', (_label, valid, verifier) => {
    expect(isValidVerifier(verifier)).toBe(valid);
    if (!valid) expect(() => challengeOf(verifier)).toThrow(/43–128/u);
  });
});
