import { randomInt } from 'node:crypto';

/**
 * The device sign-in's user code alphabet, for codes read aloud and typed on a phone (RFC 8628
 * §6.1). No vowels, so no words; no 0/O/Q, 1/I/L/7, 6/G, 8/B or U/V; of 2/Z and 5/S only the
 * digit. So no character in it can be taken for another. Every character is in BetterAuth's
 * default alphabet, whose lookup strips dashes and upper-cases before it compares (better-auth
 * device-authorization/routes.ts, `findDeviceCodeByUserCode`).
 */
export const userCodeAlphabet = 'CDFHJKMNPRTWXY23459';

/** 19^8 ≈ 1.7e10 codes, near RFC 8628 §6.1's 20^8: with a 10-minute life and rate-limited guesses, out of reach (§5.1). */
export const userCodeLength = 8;

/** A fresh user code: each character drawn uniformly from the alphabet. */
export function generateUserCode(): string {
  let code = '';
  for (let index = 0; index < userCodeLength; index += 1) code += userCodeAlphabet[randomInt(userCodeAlphabet.length)];
  return code;
}

/** Longer than any code a person would type, even with spaces: refused before any lookup. */
const maxTypedLength = 64;

/**
 * A code as a person typed or a link carried it, in the form it was issued: case, spaces and
 * dashes do not matter (`wxyz-3479`, ` WXYZ 3479 `). Null when what is left cannot be a code.
 */
export function normalizeUserCode(typed: unknown): string | null {
  if (typeof typed !== 'string' || typed.length > maxTypedLength) return null;
  // Any dash a phone keyboard offers: hyphen-minus, hyphen, non-breaking hyphen, figure, en and em dash, minus.
  const code = typed.replace(/[\s\-\u2010-\u2015\u2212]/gu, '').toUpperCase();
  return /^[A-Z0-9]{4,32}$/u.test(code) ? code : null;
}

/** A code grouped for reading: `WXYZ-3479`. */
export function formatUserCode(code: string): string {
  return code.length === userCodeLength ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}
