import type { GenericEndpointContext } from 'better-auth';
import type { HandoffSettings } from './handoff-settings.js';
import type { DeviceProblemText } from './pages/device-screens.js';

/** A row of BetterAuth's `deviceCode` table, as far as the page reads it (better-auth device-authorization/schema.ts). */
interface DeviceCodeRow {
  userCode: string;
  expiresAt: Date | string;
  status: string;
  clientId?: string | null;
}

/** Where a user code stands, for the page: only a pending code for a known app can go on. */
export type DeviceCodeState =
  | { kind: 'pending'; userCode: string; clientName: string }
  | { kind: 'unknown' | 'expired' | 'used' | 'unknown-app' }
  /** `retryAfter`: seconds until this address may look a code up again. */
  | { kind: 'limited'; retryAfter: number };

/**
 * Reads the code's row to name the app before anyone signs in (BetterAuth's own `GET /device`
 * names the client only to the account that claimed it). Reading only: every change to the code
 * (claiming, approving, denying) goes through BetterAuth's endpoints.
 */
export async function lookUpDeviceCode(ctx: GenericEndpointContext, settings: HandoffSettings, userCode: string): Promise<DeviceCodeState> {
  // Every lookup, from whichever page, is counted before the table is read.
  const wait = await settings.deviceLookups(ctx);
  if (wait !== null) return { kind: 'limited', retryAfter: wait };
  const row = await ctx.context.adapter.findOne<DeviceCodeRow>({ model: 'deviceCode', where: [{ field: 'userCode', value: userCode }] });
  if (!row || row.userCode !== userCode) return { kind: 'unknown' };
  // BetterAuth judges expiry with the process clock (routes.ts), so the page does too.
  if (new Date(row.expiresAt).getTime() < Date.now()) return { kind: 'expired' };
  if (row.status !== 'pending') return { kind: 'used' };
  const client = row.clientId ? settings.clients.get(row.clientId) : undefined;
  if (!client) return { kind: 'unknown-app' };
  return { kind: 'pending', userCode, clientName: client.name };
}


const startAgain = 'Start again on your computer to get a new code.';

export const deviceProblems = {
  malformed: { heading: 'Check the code', sentence: 'That does not look like a code from the app. Type the code your computer shows, letters and digits.', status: 400 },
  unknown: { heading: 'Code not found', sentence: `No sign-in is waiting for that code. Check the code your computer shows and type it again, or ${startAgain.toLowerCase()}`, status: 404 },
  expired: { heading: 'This code has expired', sentence: `Codes work for a few minutes only. ${startAgain}`, status: 410 },
  used: { heading: 'This code was already used', sentence: `Each code works once, and this one has been approved or denied. ${startAgain}`, status: 410 },
  'unknown-app': { heading: 'Unknown app', sentence: 'This code was issued to an app this server does not know, so it cannot be approved here.', status: 400 },
  otherAccount: { heading: 'Another account has this code', sentence: `Someone signed in with another account opened this code first, so only they can approve it. ${startAgain}`, status: 409 },
  unavailable: { heading: 'Sign-in with another device is off', sentence: 'This server does not offer signing in with another device.', status: 404 },
  forged: { heading: 'This answer was ignored', sentence: 'It did not come from this page. Open the link or type the code again.', status: 403 },
  limited: { heading: 'Too many codes tried', sentence: 'Too many codes were tried from here. Wait a minute, then type the code again.', status: 429 },
  signedOut: { heading: 'You are signed out', sentence: 'Your session ended before you answered. Open the code again to sign in.', status: 401 },
} satisfies Record<string, DeviceProblemText>;

/** What the page says about a code that cannot go on; over the lookup budget, how long to wait, in words and in `Retry-After`. */
export function deviceProblemOf(state: Exclude<DeviceCodeState, { kind: 'pending' }>): DeviceProblemText {
  if (state.kind !== 'limited') return deviceProblems[state.kind];
  const wait = state.retryAfter === 1 ? '1 second' : `${state.retryAfter} seconds`;
  return { ...deviceProblems.limited, sentence: `Too many codes were tried from here. Try again in ${wait}.`, retryAfter: state.retryAfter };
}
