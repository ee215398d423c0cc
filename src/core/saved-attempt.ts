import { z } from 'zod';

/**
 * What a sign-in attempt saved in the vault has in common, browser or device: a version, a start
 * and an end in epoch milliseconds, and a strict reader that refuses anything it did not write.
 */
export const epochMs = z.number().int().nonnegative().max(8.64e15);

export type ParsedSaved<T> = { ok: true; attempt: T } | { ok: false; reason: string };

/** Strict: anything but a record the schema describes is refused, never half-read. `what` names it in the reason. */
export function parseSaved<T extends { version: 1 }>(schema: z.ZodType<T>, text: string, what: string): ParsedSaved<Omit<T, 'version'>> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `not ${what} (${parsed.error.issues[0]?.path.join('.') || 'shape'})` };
  const { version: _version, ...attempt } = parsed.data;
  return { ok: true, attempt };
}
