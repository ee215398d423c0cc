import type { GenericEndpointContext } from 'better-auth';
import type { DeviceAuthorizationPluginOptions } from 'better-auth/plugins';
import { checkClients, type DesktopClient } from './clients.js';
import { handoffProtocol } from './protocol.js';
import { generateUserCode } from './user-code.js';

/** Settings for BetterAuth's `deviceAuthorization`, made for the desktop clients. */
export interface DesktopDeviceOptions {
  /** The same clients as `desktopHandoff({ clients })`: only they may ask for a code. */
  clients: readonly DesktopClient[];
  /**
   * How long a device code and its user code live, in seconds.
   * @default 600 (RFC 8628 §3.2's example; long enough to fetch a phone and sign in)
   */
  codeLifetimeSeconds?: number;
  /**
   * The shortest wait between two polls, in seconds; a faster poll gets `slow_down`.
   * @default 5 (RFC 8628 §3.2's default)
   */
  intervalSeconds?: number;
}

function wholeSeconds(name: string, value: number, max: number): `${number}s` {
  if (!Number.isInteger(value) || value < 1 || value > max) throw new Error(`${name} must be a whole number of seconds from 1 to ${max}; it is ${value}.`);
  return `${value}s`;
}

/**
 * Options to spread into BetterAuth's `deviceAuthorization(…)`: codes for the registered desktop
 * clients only, a user code without look-alike characters, and the verification page the plugin
 * serves (the host routes its origin's `/device` to `{basePath}/desktop/device`).
 */
export function desktopDeviceOptions(options: DesktopDeviceOptions) {
  const clients = checkClients(options.clients);
  return {
    expiresIn: wholeSeconds('codeLifetimeSeconds', options.codeLifetimeSeconds ?? 600, 1800),
    interval: wholeSeconds('intervalSeconds', options.intervalSeconds ?? 5, 60),
    // Resolved against the base URL with `new URL`, so an absolute path lands on the origin.
    verificationUri: handoffProtocol.devicePagePath,
    validateClient: (clientId: string) => clients.has(clientId),
    generateUserCode,
  } satisfies DeviceAuthorizationPluginOptions;
}

/** What the plugin needs to know of the host's device sign-in, when the host runs it. */
export interface HostDeviceSignIn {
  /** The absolute `verification_uri` BetterAuth puts in every code it issues. */
  verificationUri: string;
}

/** BetterAuth's plugin id for `deviceAuthorization` (better-auth device-authorization/index.ts). */
const devicePluginId = 'device-authorization';

/** The host's `deviceAuthorization`, as its own options configure it, or null when it has none. */
export function deviceSignIn(ctx: GenericEndpointContext): HostDeviceSignIn | null {
  const plugin = ctx.context.options.plugins?.find((candidate) => candidate.id === devicePluginId) as { options?: { verificationUri?: unknown } } | undefined;
  if (!plugin) return null;
  const configured = typeof plugin.options?.verificationUri === 'string' ? plugin.options.verificationUri : handoffProtocol.devicePagePath;
  // The same resolution BetterAuth applies (routes.ts, buildVerificationUris).
  return { verificationUri: new URL(configured, ctx.context.baseURL).toString() };
}
