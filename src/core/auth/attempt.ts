import { z } from 'zod';
import { savedServerOrigin } from '../config';
import { epochMs, parseSaved, type ParsedSaved } from '../saved-attempt';
import { isValidVerifier } from './pkce';
import type { SecretRead } from '../account/ports';

/**
 * The pending sign-in attempt. It is kept encrypted in the vault (secret name 'attempt') so that a
 * restart or an update in the middle of a sign-in still completes it.
 */
export interface PendingAttempt {
  state: string;
  verifier: string;
  redirectUri: string;
  via: 'scheme' | 'loopback';
  createdAt: number;
  expiresAt: number;
  /** The server the attempt was started with, when not the configured one: only its callback counts. */
  serverOrigin?: string;
}

/** What the flow needs from the vault: one encrypted secret, read with its lock state. */
export type AttemptSecretRead = SecretRead;

export interface AttemptSecrets {
  readSecret(name: 'attempt'): Promise<AttemptSecretRead>;
  writeSecret(name: 'attempt', value: string): Promise<void>;
  deleteSecret(name: 'attempt'): Promise<void>;
}

export const attemptSecretName = 'attempt';

const token = z.string().regex(/^[A-Za-z0-9._~-]{16,512}$/u);

const attemptSchema = z
  .object({
    version: z.literal(1),
    state: token,
    verifier: z.string().refine(isValidVerifier),
    redirectUri: z.string().min(1).max(512),
    via: z.enum(['scheme', 'loopback']),
    createdAt: epochMs,
    expiresAt: epochMs,
    serverOrigin: savedServerOrigin.optional(),
  })
  .strict()
  .refine((attempt) => attempt.expiresAt > attempt.createdAt, 'expiresAt must come after createdAt');

export function serializeAttempt(attempt: PendingAttempt): string {
  const checked = attemptSchema.parse({ version: 1, ...attempt });
  return JSON.stringify(checked);
}

export type ParsedAttempt = ParsedSaved<PendingAttempt>;

/** Strict: anything but a record this module wrote is refused, never half-read. */
export function parseAttempt(text: string): ParsedAttempt {
  return parseSaved(attemptSchema, text, 'a sign-in attempt');
}

export function isExpired(attempt: PendingAttempt, now: number): boolean {
  return now >= attempt.expiresAt;
}
