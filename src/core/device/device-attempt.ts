import { z } from 'zod';
import { savedServerOrigin } from '../config';
import { epochMs, parseSaved, type ParsedSaved } from '../saved-attempt';
import type { SecretRead } from '../account/ports';

/**
 * A pending device sign-in (RFC 8628 §3.2): what the server answered, kept encrypted in the vault
 * (secret name 'deviceAttempt') so that a restart resumes polling with the time that is left. The
 * device code is a bearer secret until it is spent; the user code is only shown.
 */
export interface DeviceAttempt {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  /** §3.3.1: the address with the user code in it, for the QR code; null when the server sends none. */
  verificationUriComplete: string | null;
  /** §3.5: the wait between two polls; `slow_down` raises it for the rest of the attempt. */
  intervalMs: number;
  createdAt: number;
  expiresAt: number;
  /** The server the attempt was started with, when not the configured one. */
  serverOrigin?: string;
}

export const deviceAttemptSecretName = 'deviceAttempt';

export interface DeviceAttemptSecrets {
  readSecret(name: 'deviceAttempt'): Promise<SecretRead>;
  writeSecret(name: 'deviceAttempt', value: string): Promise<void>;
  deleteSecret(name: 'deviceAttempt'): Promise<void>;
}

const address = z.string().min(1).max(512);

const deviceAttemptSchema = z
  .object({
    version: z.literal(1),
    deviceCode: z.string().min(1).max(512),
    userCode: z.string().regex(/^[A-Za-z0-9-]{4,32}$/u),
    verificationUri: address,
    verificationUriComplete: address.nullable(),
    intervalMs: z.number().int().min(1_000).max(600_000),
    createdAt: epochMs,
    expiresAt: epochMs,
    serverOrigin: savedServerOrigin.optional(),
  })
  .strict()
  .refine((attempt) => attempt.expiresAt > attempt.createdAt, 'expiresAt must come after createdAt');

export function serializeDeviceAttempt(attempt: DeviceAttempt): string {
  return JSON.stringify(deviceAttemptSchema.parse({ version: 1, ...attempt }));
}

export type ParsedDeviceAttempt = ParsedSaved<DeviceAttempt>;

/** Strict, like the browser attempt's parser: anything this module did not write is refused. */
export function parseDeviceAttempt(text: string): ParsedDeviceAttempt {
  return parseSaved(deviceAttemptSchema, text, 'a device sign-in');
}
