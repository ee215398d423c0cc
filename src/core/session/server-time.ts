/**
 * How long a session has left, by the server's own clock. The server states an absolute
 * `expiresAt` on its clock; compared with a local clock that is hours off, it would end a session
 * early or keep it past its end. So the remaining time is taken from what the server itself says
 * about "now": the `expires_in` it states, or else the `Date` header of the same answer. Only when
 * it says neither is the local clock asked.
 */
export interface ServerTimeSource {
  /** The absolute expiry the server named, on its clock. */
  expiresAt: number;
  /** `expires_in`, in ms, when the answer carried one. */
  expiresInMs?: number | null;
  /** The answer's `Date` header (RFC 9110 §6.6.1), when it had one. */
  date?: string | null;
  /** The local wall clock when the answer arrived. */
  localNow: number;
}

export function remainingByServer({ expiresAt, expiresInMs, date, localNow }: ServerTimeSource): number {
  if (expiresInMs !== undefined && expiresInMs !== null && Number.isFinite(expiresInMs)) return expiresInMs;
  const serverNow = date ? Date.parse(date) : Number.NaN;
  return expiresAt - (Number.isFinite(serverNow) ? serverNow : localNow);
}
