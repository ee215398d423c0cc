import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { bearer, twoFactor } from 'better-auth/plugins';
import { handoff } from '../contract/handoff';
import { product } from '../contract/product';
import { desktopHandoff, handoffProtocol, type DesktopClient, type DesktopHandoffOptions } from '@latchkey/desktop-handoff';
import { accountRoutes } from './account/account-routes';
import { ipAddressOption, type ClientAddressPolicy } from './client-address';
import { openDatabase, type DatabaseOption } from './database';
import { defaultClients } from './default-clients';
import { deviceRateRules, deviceSignInPlugin, type DeviceSignInOptions } from './device-sign-in';
import { HttpFront, metadataPath } from './http-front';
import { migrate } from './migrate';
import { rateLimitStore } from './rate-limit-store';
import type { RequestLog } from './request-log';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AuthServerOptions {
  database: DatabaseOption;
  /** At least 32 characters; signs cookies and consent tokens. */
  secret: string;
  /** @default 0 (any free port) */
  port?: number;
  /** The interface to listen on. @default '127.0.0.1' */
  host?: string;
  /**
   * The public origin (BETTER_AUTH_URL), behind a reverse proxy. Every URL the server writes uses
   * it, and under https BetterAuth's cookies are `Secure`.
   * @default `http://<host>:<port>`
   */
  publicUrl?: string;
  /** Whom to believe about the client's address (rate limits, session records). @default the socket's peer */
  clientAddress?: ClientAddressPolicy;
  /** One entry per request (see request-log.ts). @default none */
  requestLog?: RequestLog;
  /** @default defaultClients(): `latchkey-desktop` with both schemes and loopback */
  clients?: readonly DesktopClient[];
  session?: {
    /** Seconds a session lives. @default 7 days */
    expiresIn?: number;
    /** Seconds after which use extends it. @default 1 day */
    updateAge?: number;
  };
  /** Origins besides the server's own allowed to post to it. */
  trustedOrigins?: string[];
  /** Social providers, on only when given (their buttons appear on the page). */
  social?: Partial<Record<'github' | 'google', { clientId: string; clientSecret: string }>>;
  /**
   * BetterAuth's own per-address limit on every endpoint (the handoff's are in `handoff`).
   * @default BetterAuth's: 100 requests per 10 seconds
   */
  rateLimit?: { window: number; max: number };
  /** Device sign-in (RFC 8628): code lifetime, polling interval, rate limits. @default 600 s, 5 s */
  device?: DeviceSignInOptions;
  /** Handoff details: code lifetime, the clock, rate limits. */
  handoff?: Omit<DesktopHandoffOptions, 'clients' | 'authorizePagePath' | 'signInPage'>;
  /** BetterAuth's log lines. It never receives a code or token from us. @default warn and above to stderr */
  log?: (level: LogLevel, message: string) => void;
}

export interface AuthServer {
  /** The public origin, `http://127.0.0.1:<port>` unless `publicUrl` says otherwise. */
  url: string;
  port: number;
  /** The BetterAuth instance: `auth.api.*` for direct calls in tests and tools. */
  auth: ReturnType<typeof createAuth>;
  /** Stops at once, dropping open connections. */
  close(): Promise<void>;
  /** Stops taking requests, lets those in flight finish (up to `graceMs`), then closes. */
  drain(graceMs?: number): Promise<void>;
}

function createAuth(options: AuthServerOptions, url: string, database: BetterAuthOptions['database'], kind: 'sqlite' | 'postgres') {
  const clients = options.clients ?? defaultClients();
  const device = options.device ?? {};
  const log = options.log ?? ((level: LogLevel, message: string) => level !== 'debug' && level !== 'info' && console.error(`[auth] ${level}: ${message}`));
  return betterAuth({
    appName: product.productName,
    baseURL: url,
    basePath: handoff.authBasePath,
    secret: options.secret,
    database,
    trustedOrigins: options.trustedOrigins ?? [],
    emailAndPassword: { enabled: true },
    socialProviders: options.social ?? {},
    session: {
      ...(options.session?.expiresIn === undefined ? {} : { expiresIn: options.session.expiresIn }),
      ...(options.session?.updateAge === undefined ? {} : { updateAge: options.session.updateAge }),
    },
    // On PostgreSQL every instance counts in one table (BetterAuth's `rateLimit.storage`); a
    // SQLite server is one process, whose counters stay its own.
    rateLimit: {
      enabled: true,
      ...(kind === 'postgres' ? { storage: 'database' as const } : { customStorage: rateLimitStore() }),
      ...options.rateLimit,
      customRules: deviceRateRules(device),
    },
    advanced: { ipAddress: ipAddressOption(options.clientAddress ?? { trustedProxies: [], clientIpHeader: null }) },
    telemetry: { enabled: false },
    // Only the message: BetterAuth's extra arguments can carry request data.
    logger: { level: 'debug', log: (level, message) => log(level, message) },
    // twoFactor: users can protect their accounts with an authenticator app (the account page);
    // the handoff's pages then ask for its code, as BetterAuth's own sign-in does.
    // deviceAuthorization: sign in with another device (RFC 8628), for the same desktop clients.
    plugins: [
      bearer(),
      twoFactor({ issuer: product.productName }),
      desktopHandoff({ ...options.handoff, clients }),
      deviceSignInPlugin(device, clients),
    ],
  });
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** How long SIGTERM waits for requests in flight before it drops them. */
export const defaultDrainGraceMs = 20_000;

/**
 * The reference server: BetterAuth with bearer(), the desktop handoff and device sign-in. It answers 503 until
 * migrations are done; `GET /healthz` turns 200 after, while the database answers.
 */
export async function createAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  if (options.secret.length < 32) throw new Error('The auth server secret must be at least 32 characters.');
  const host = options.host ?? '127.0.0.1';
  let front: HttpFront | null = null;
  const server = createServer((request, response) => front!.listener(request, response));
  const port = await listen(server, options.port ?? 0, host);
  const url = options.publicUrl ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  front = new HttpFront({
    publicUrl: url,
    policy: options.clientAddress ?? { trustedProxies: [], clientIpHeader: null },
    log: options.requestLog ?? null,
    // The device page at the origin's /device: BetterAuth's own {basePath}/device is its JSON API.
    originRoutes: { [handoff.authorizePath]: handoff.authorizePath, [metadataPath]: metadataPath, [handoff.devicePagePath]: handoffProtocol.devicePageEndpoint },
    // The account page (turn on two-factor authentication) lives at the origin's /account.
    accountPath: '/account',
  });
  let database;
  try {
    database = await openDatabase(options.database);
  } catch (error) {
    server.close();
    throw error;
  }
  const auth = createAuth(options, url, database.handle, database.kind);
  try {
    await migrate(auth.options, database);
  } catch (error) {
    server.close();
    await database.close();
    throw error;
  }
  front.open({ handler: auth.handler, account: accountRoutes(auth.handler), ping: database.ping });
  const opened = database;
  const stop = (graceMs: number) =>
    new Promise<void>((resolve) => {
      const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
      // A keep-alive connection would hold close() open: each is closed as soon as its request is done.
      const sweep = setInterval(() => server.closeIdleConnections(), 50);
      server.close(() => {
        clearTimeout(deadline);
        clearInterval(sweep);
        resolve();
      });
    }).then(() => opened.close());
  return {
    url,
    port,
    auth,
    close: () => stop(0),
    async drain(graceMs = defaultDrainGraceMs) {
      front.drain();
      await stop(graceMs);
    },
  };
}
