import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AuthContext } from 'better-auth';
import { sweepExpired } from './housekeeping.js';
import { handoffProtocol } from './protocol.js';

/** What a code is bound to (RFC 6749 §4.1.3, RFC 7636 §4.6). */
export interface CodeGrant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  userId: string;
}

/** RFC 9700 §2.1.1 / RFC 6749 §4.1.2: short-lived; ten minutes is the ceiling, two is ours. */
export const maxCodeLifetimeMs = 120_000;
/**
 * 43 letters and digits: 43 × log2(62) ≈ 256 bits, above RFC 6749 §10.10's 128-bit floor. No
 * dash, underscore or dot, so the spaces and dashes a person adds while copying the code by
 * hand are never part of it, and the app can drop them.
 */
const codeAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const codeLength = 43;
export const codePattern = new RegExp(handoffProtocol.codePattern, 'u');

/** Uniform over the alphabet: bytes of 248 and above (4 × 62) are dropped rather than folded. */
function randomCode(): string {
  let code = '';
  while (code.length < codeLength) {
    for (const byte of randomBytes(64)) {
      if (byte < 248 && code.length < codeLength) code += codeAlphabet[byte % 62];
    }
  }
  return code;
}

/** Every authorization code's identifier in BetterAuth's `verification` table starts with this. */
const identifierPrefix = 'desktop-handoff:';

/** Only the hash is stored, so a read of the verification table yields no usable code. */
function identifierOf(code: string): string {
  return `${identifierPrefix}${createHash('sha256').update(code).digest('base64url')}`;
}

/**
 * Where codes live. BetterAuth keeps verification values in a host's secondary storage when it
 * has one, and then has no `verification` table unless `verification.storeInDatabase` is set
 * (@better-auth/core db/get-tables.ts): there a code goes through its internal adapter, whose
 * consume is one `getAndDelete`. Otherwise a code is a row of the table, written and spent through the
 * database adapter: BetterAuth's `consumeVerificationValue` is for identifiers that can repeat (a
 * reset link asked for twice), taking a lock per identifier and, in a transaction, reading the
 * newest row, deleting its older siblings and then the row. Ours are hashes of 256 random bits and
 * never repeat, so one atomic `DELETE … RETURNING` (the adapter's `consumeOne`) does the same work;
 * the transaction was most of the token endpoint's cost.
 */
function inTable(context: AuthContext): boolean {
  return !context.options.secondaryStorage || context.options.verification?.storeInDatabase === true;
}

export async function issueCode(context: AuthContext, grant: CodeGrant, now: Date, lifetimeMs: number): Promise<string> {
  const code = randomCode();
  const value = { identifier: identifierOf(code), value: JSON.stringify(grant), expiresAt: new Date(now.getTime() + lifetimeMs) };
  if (!inTable(context)) {
    // The storage's own lifetime removes it: nothing is left behind to sweep.
    await context.internalAdapter.createVerificationValue(value);
    return code;
  }
  await context.adapter.create({ model: 'verification', data: { ...value, createdAt: now, updatedAt: now } });
  await sweepExpired(context, { model: 'verification', prefix: identifierPrefix }, now);
  return code;
}

/**
 * Spends the code whatever comes next: the row is deleted atomically and only the first caller
 * gets it back. Null for an unknown, spent or expired code.
 */
export async function consumeCode(context: AuthContext, code: string, now: Date): Promise<CodeGrant | null> {
  const identifier = identifierOf(code);
  const row = inTable(context)
    ? await context.adapter.consumeOne<{ value: string; expiresAt: Date | string }>({ model: 'verification', where: [{ field: 'identifier', value: identifier }] })
    : await context.internalAdapter.consumeVerificationValue(identifier);
  if (!row || new Date(row.expiresAt).getTime() <= now.getTime()) return null;
  try {
    const grant = JSON.parse(row.value) as Partial<CodeGrant>;
    if (typeof grant.clientId !== 'string' || typeof grant.redirectUri !== 'string' || typeof grant.codeChallenge !== 'string' || typeof grant.userId !== 'string') return null;
    return grant as CodeGrant;
  } catch {
    return null;
  }
}

/** RFC 7636 §4.6: BASE64URL(SHA256(verifier)) == challenge, compared in constant time. */
export function verifierMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
