import { deviceAuthorization } from 'better-auth/plugins';
import { desktopDeviceOptions, type DesktopClient } from '@latchkey/desktop-handoff';

type Limit = { window: number; max: number };

/** Device sign-in (RFC 8628) on the reference server. */
export interface DeviceSignInOptions {
  /** Seconds a device code and its user code live. @default 600 */
  codeLifetimeSeconds?: number;
  /** Seconds the app must wait between polls; faster gets `slow_down`. @default 5 */
  intervalSeconds?: number;
  /**
   * Requests per window (seconds) per client address: `code` for `/device/code`, `token` for
   * polling `/device/token`, `decide` for BetterAuth's own `/device/approve` and `/device/deny`.
   * @default { code: { window: 60, max: 10 }, token: { window: 60, max: 60 }, decide: { window: 60, max: 10 } }
   */
  rateLimit?: Partial<Record<'code' | 'token' | 'decide', Limit>>;
}

// token: one app polling every 5 s spends 12 a minute; 60 leaves room for a few behind one address.
const defaultLimits = { code: { window: 60, max: 10 }, token: { window: 60, max: 60 }, decide: { window: 60, max: 10 } };

/** BetterAuth's `deviceAuthorization`, for the registered desktop clients only. */
export function deviceSignInPlugin(options: DeviceSignInOptions, clients: readonly DesktopClient[]) {
  return deviceAuthorization(desktopDeviceOptions({ clients, codeLifetimeSeconds: options.codeLifetimeSeconds, intervalSeconds: options.intervalSeconds }));
}

/**
 * BetterAuth `rateLimit.customRules` for the device endpoints. The plugin limits only its JSON
 * `GET /device` (5 per code lifetime); its code and token endpoints would otherwise fall under the
 * general 100 per 10 s (better-auth api/rate-limiter: custom rules win over plugin rules).
 */
export function deviceRateRules(options: DeviceSignInOptions): Record<string, Limit> {
  const limits = { ...defaultLimits, ...options.rateLimit };
  return { '/device/code': limits.code, '/device/token': limits.token, '/device/approve': limits.decide, '/device/deny': limits.decide };
}
