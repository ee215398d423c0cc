import type { AuthContext } from 'better-auth';
import { createAuthMiddleware, isAPIError } from 'better-auth/api';

/**
 * How many expired rows one new code sweeps away. Each new code removes up to this many, so the
 * table stays near the codes still alive however long nobody cleans it, and no request pays for a
 * backlog at once.
 */
export const sweepBatch = 100;

/** How long an expired device code stays readable to a late poll. */
export const expiredDeviceCodeGraceMs = 15 * 60_000;

type Sweepable = { model: 'verification'; prefix: string } | { model: 'deviceCode' };

/**
 * Deletes up to `sweepBatch` rows that expired before `now`: the plugin's own authorization codes
 * (never redeemed; a redeemed one is deleted as it is spent), or BetterAuth's device codes (left
 * behind when never polled after they expired, or denied and never polled). Called when a new code
 * is issued, so a host needs no cron. Returns how many it deleted.
 */
export async function sweepExpired(context: AuthContext, table: Sweepable, now: Date): Promise<number> {
  const where = [
    { field: 'expiresAt', operator: 'lt' as const, value: now },
    ...(table.model === 'verification' ? [{ field: 'identifier', operator: 'starts_with' as const, value: table.prefix }] : []),
  ];
  const expired = await context.adapter.findMany<{ id: string }>({ model: table.model, where, limit: sweepBatch, select: ['id'] });
  if (expired.length === 0) return 0;
  return context.adapter.deleteMany({ model: table.model, where: [{ field: 'id', operator: 'in', value: expired.map((row) => row.id) }] });
}

/**
 * An `after` hook on BetterAuth's `/device/code`: each device code it issues sweeps expired ones
 * (BetterAuth deletes a device code only when it is polled after expiry, denied, or redeemed).
 */
export const deviceCodeSweep = {
  matcher: (ctx: { path?: string }) => ctx.path === '/device/code',
  handler: createAuthMiddleware(async (ctx) => {
    if (isAPIError(ctx.context.returned)) return;
    // BetterAuth judges a device code's expiry with the process clock (device-authorization
    // routes.ts). A code is kept a while after it expires, so an app still polling hears
    // `expired_token` (RFC 8628 §3.5) rather than an unknown code.
    await sweepExpired(ctx.context, { model: 'deviceCode' }, new Date(Date.now() - expiredDeviceCodeGraceMs));
  }),
};
