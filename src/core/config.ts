import { z } from 'zod';
import { handoff } from '../contract/handoff';
import { product } from '../contract/product';

/**
 * Everything a developer changes to make Latchkey theirs. Defaults live here; the packaged build
 * reads the same identity (see electron-builder.json and its test), and development runs can
 * override values through LATCHKEY_* environment variables.
 */
const minutes = (n: number) => n * 60_000;
const hours = (n: number) => n * 3_600_000;

const scheme = z
  .string()
  .regex(/^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+$/u, 'must be a reverse domain name such as com.example.app (RFC 8252 §7.1)');

const serverUrl = z.string().transform((value, context) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://auth.example.com' });
    return z.NEVER;
  }
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
    context.addIssue({ code: 'custom', message: 'must use https, or http on a loopback address (127.0.0.1, [::1], localhost)' });
    return z.NEVER;
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    context.addIssue({ code: 'custom', message: 'must be an origin without a path, query or credentials' });
    return z.NEVER;
  }
  return url.origin;
});

/**
 * Whether a saved server address is an origin the app may send a token to: exactly an origin
 * (no path, query or credentials), over https, or plain http only on this machine. Addresses
 * read back from disk are held to it, so a hand-edited record cannot send a token in the clear
 * or to a page that is not a server's root.
 */
function isSecureOrigin(value: string): boolean {
  const url = URL.parse(value);
  if (!url || url.origin !== value) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** A server origin read back from disk (a saved attempt, a cached profile): only a secure one is read. */
export const savedServerOrigin = z.string().max(2048).refine(isSecureOrigin, 'must be a secure origin');

export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/u.test(hostname);
}

export const configSchema = z
  .object({
    productName: z.string().trim().min(1).max(64),
    appId: scheme,
    scheme,
    developmentScheme: scheme,
    /** The BetterAuth server; null starts the embedded development server. */
    serverUrl: serverUrl.nullable(),
    clientId: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/u, 'must be 1–128 letters, digits, dots, dashes or underscores'),
    /** Milliseconds before expiry at which to warn, largest first. */
    expiryNoticeThresholds: z
      .array(z.number().int().positive())
      .max(5)
      .transform((values) => [...new Set(values)].sort((a, b) => b - a)),
    revalidateIntervalMs: z.number().int().min(10_000),
    /** How long one request to the server may take, body included, before it counts as a timeout. */
    requestTimeoutMs: z.number().int().min(500).max(120_000),
    signInLifetimeMs: z.number().int().min(30_000).max(hours(1)),
    loopbackFallback: z.boolean(),
    /**
     * Whether the user may add an account on a server they type. A company build sets it false to
     * pin its own server; no environment variable turns it back on.
     */
    allowOtherServers: z.boolean(),
  })
  .strict();

export type LatchkeyConfig = z.output<typeof configSchema>;
export type LatchkeyConfigInput = z.input<typeof configSchema>;

export const defaultConfig: LatchkeyConfigInput = {
  productName: product.productName,
  appId: product.appId,
  scheme: product.scheme,
  developmentScheme: product.developmentScheme,
  serverUrl: null,
  clientId: handoff.defaultClientId,
  expiryNoticeThresholds: [hours(24), hours(1)],
  revalidateIntervalMs: minutes(15),
  requestTimeoutMs: 10_000,
  signInLifetimeMs: minutes(10),
  loopbackFallback: true,
  allowOtherServers: true,
};

export class ConfigError extends Error {
  constructor(readonly key: string, detail: string) {
    super(`Latchkey's setting "${key}" ${detail}.`);
    this.name = 'ConfigError';
  }
}

/** The environment variables a development run may set, and the key each overrides. */
export const environmentOverrides = {
  LATCHKEY_SERVER_URL: 'serverUrl',
  LATCHKEY_CLIENT_ID: 'clientId',
  LATCHKEY_SCHEME: 'scheme',
  LATCHKEY_REVALIDATE_INTERVAL_MS: 'revalidateIntervalMs',
  LATCHKEY_REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  LATCHKEY_SIGN_IN_LIFETIME_MS: 'signInLifetimeMs',
  LATCHKEY_LOOPBACK_FALLBACK: 'loopbackFallback',
} as const satisfies Record<string, keyof LatchkeyConfigInput>;

function fromEnvironment(env: Record<string, string | undefined>): Partial<Record<keyof LatchkeyConfigInput, unknown>> {
  const out: Partial<Record<keyof LatchkeyConfigInput, unknown>> = {};
  for (const [name, key] of Object.entries(environmentOverrides)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const current = defaultConfig[key];
    if (typeof current === 'number') out[key] = Number(raw);
    else if (typeof current === 'boolean') out[key] = raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    else out[key] = raw;
  }
  return out;
}

/**
 * Merges defaults, the developer's overrides and the environment, and validates the result.
 * An unknown key or a bad value throws a ConfigError whose message names the key.
 */
export function resolveConfig(
  overrides: Record<string, unknown> = {},
  env: Record<string, string | undefined> = {},
): LatchkeyConfig {
  const merged = { ...defaultConfig, ...overrides, ...fromEnvironment(env) };
  const result = configSchema.safeParse(merged);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    throw new ConfigError(issue.keys[0] ?? '?', 'is not a setting Latchkey knows');
  }
  throw new ConfigError(issue.path.join('.') || '?', issue.message);
}
