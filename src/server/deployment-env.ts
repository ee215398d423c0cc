import { isIP } from 'node:net';
import { findInvalidTrustedProxies } from '@better-auth/core/utils/ip';

/** How the reference server meets the network: the settings a real deployment changes. */
export interface DeploymentSettings {
  /** The interface to listen on. */
  host: string;
  /** The origin users reach the server at (BETTER_AUTH_URL); null means `http://<host>:<port>`. */
  publicUrl: string | null;
  /** Reverse proxies whose `x-forwarded-for` hops are believed (IPs or CIDR ranges). */
  trustedProxies: string[];
  /** A single-address header a trusted proxy sets (`x-real-ip`, `cf-connecting-ip`); null for x-forwarded-for. */
  clientIpHeader: string | null;
  /** Origins besides the server's own allowed to post to it (BetterAuth's `trustedOrigins`). */
  trustedOrigins: string[];
  /** `json`: one JSON line per request on stdout; `text`: one short line; `off`: none. */
  logFormat: 'off' | 'text' | 'json';
}

const hostnamePattern = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/iu;
const headerNamePattern = /^[a-z0-9!#$%&'*+.^_`|~-]{1,64}$/iu;
const loopbackNames = new Set(['localhost', '127.0.0.1', '[::1]']);

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}

function host(value: string | undefined): string {
  if (value === undefined || value === '') return '127.0.0.1';
  if (isIP(value) !== 0 || hostnamePattern.test(value)) return value;
  throw new Error(`HOST must be an IP address (0.0.0.0 for every interface) or a host name; it is "${value}".`);
}

/**
 * BETTER_AUTH_URL is an origin: the reference server mounts BetterAuth at /api/auth under it itself.
 * https is required off loopback, because BetterAuth marks cookies `Secure` only under https.
 */
function publicUrl(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`BETTER_AUTH_URL must be the public origin, like https://auth.example.com; it is "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`BETTER_AUTH_URL must start with https://; it is "${value}".`);
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    throw new Error(`BETTER_AUTH_URL must be an origin only (no path, query or credentials), like https://auth.example.com; it is "${value}".`);
  }
  if (url.protocol === 'http:' && !loopbackNames.has(url.hostname)) {
    throw new Error(`BETTER_AUTH_URL must use https unless it is on this machine (localhost); it is "${value}".`);
  }
  return url.origin;
}

function trustedProxies(value: string | undefined): string[] {
  const entries = list(value);
  // BetterAuth's own parser decides what it will honour, so a typo cannot be silently ignored.
  const invalid = findInvalidTrustedProxies(entries);
  if (invalid.length > 0) throw new Error(`TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas; "${invalid[0]}" is neither.`);
  return entries;
}

function clientIpHeader(value: string | undefined, proxies: string[]): string | null {
  if (value === undefined || value === '') return null;
  if (!headerNamePattern.test(value)) throw new Error(`CLIENT_IP_HEADER must be a header name, like x-real-ip; it is "${value}".`);
  // Any client can send the header: it is only believed from a proxy named in TRUSTED_PROXIES.
  if (proxies.length === 0) throw new Error('CLIENT_IP_HEADER needs TRUSTED_PROXIES: the header is only believed when a trusted proxy sent it.');
  return value.toLowerCase();
}

/** Each entry an origin, or BetterAuth's wildcard form for subdomains (`https://*.example.com`). */
function trustedOrigins(value: string | undefined): string[] {
  return list(value).map((entry) => {
    const plain = entry.replace('://*.', '://wildcard.');
    let url: URL | null = null;
    try {
      url = new URL(plain);
    } catch {
      url = null;
    }
    if (!url || !['https:', 'http:'].includes(url.protocol) || url.origin !== plain.replace(/\/$/u, '')) {
      throw new Error(`TRUSTED_ORIGINS must list origins separated by commas, like https://app.example.com; "${entry}" is not one.`);
    }
    return entry.replace(/\/$/u, '');
  });
}

function logFormat(value: string | undefined): DeploymentSettings['logFormat'] {
  if (value === undefined || value === '') return 'off';
  if (value === 'json' || value === 'text' || value === 'off') return value;
  throw new Error(`LOG_FORMAT must be json, text or off; it is "${value}".`);
}

/** The deployment settings from the environment; a bad value throws a sentence naming it. */
export function deploymentFromEnv(env: NodeJS.ProcessEnv): DeploymentSettings {
  const proxies = trustedProxies(env.TRUSTED_PROXIES);
  return {
    host: host(env.HOST),
    publicUrl: publicUrl(env.BETTER_AUTH_URL),
    trustedProxies: proxies,
    clientIpHeader: clientIpHeader(env.CLIENT_IP_HEADER, proxies),
    trustedOrigins: trustedOrigins(env.TRUSTED_ORIGINS),
    logFormat: logFormat(env.LOG_FORMAT),
  };
}
