import { createHash } from 'node:crypto';
import type { Random } from '../ports';

/**
 * PKCE (RFC 7636) and the `state` parameter. The verifier is 43–128 characters of the unreserved
 * set (§4.1); 32 random bytes in base64url give 43 characters and 256 bits. The state carries 256
 * bits too, well above the 128 bits RFC 9700 §4.7 asks for.
 */
export const verifierBytes = 32;
export const stateBytes = 32;

const verifierPattern = /^[A-Za-z0-9._~-]{43,128}$/u;

export function base64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function randomText(random: Random, length: number): string {
  const bytes = random.bytes(length);
  if (bytes.length !== length) throw new Error(`The random source gave ${bytes.length} bytes where ${length} were asked for.`);
  return base64Url(bytes);
}

export function createVerifier(random: Random): string {
  return randomText(random, verifierBytes);
}

export function createState(random: Random): string {
  return randomText(random, stateBytes);
}

export function isValidVerifier(verifier: string): boolean {
  return verifierPattern.test(verifier);
}

/** `BASE64URL(SHA256(ASCII(code_verifier)))`, RFC 7636 §4.2. */
export function challengeOf(verifier: string): string {
  if (!isValidVerifier(verifier)) throw new TypeError('A PKCE verifier must be 43–128 unreserved characters (RFC 7636 §4.1).');
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
