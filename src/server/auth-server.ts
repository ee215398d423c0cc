import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { bearer, twoFactor } from 'better-auth/plugins';
import { handoff } from '../contract/handoff';
import { product } from '../contract/product';
import { desktopHandoff, type DesktopClient, type DesktopHandoffOptions } from '@latchkey/desktop-handoff';
import { openDatabase, type DatabaseOption } from './database';
import { defaultClients } from './default-clients';
import { rateLimitStore } from './rate-limit-store';
import { BodyTooLarge, sendFetchResponse, sendText, toFetchRequest } from './node-http';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface AuthServerOptions {
  database: DatabaseOption;
  /** At least 32 characters; signs cookies and consent tokens. */
  secret: string;
  /** @default 0 (any free port); the server listens on 127.0.0.1 only. */
  port?: number;
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
  /** Handoff details: code lifetime, the clock, rate limits. */
  handoff?: Omit<DesktopHandoffOptions, 'clients' | 'authorizePagePath' | 'signInPage'>;
  /** BetterAuth's log lines. It never receives a code or token from us. @default warn and above to stderr */
  log?: (level: LogLevel, message: string) => void;
}

export interface AuthServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** The BetterAuth instance: `auth.api.*` for direct calls in tests and tools. */
  auth: ReturnType<typeof createAuth>;
  close(): Promise<void>;
}

function createAuth(options: AuthServerOptions, url: string, database: BetterAuthOptions['database']) {
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
    rateLimit: { enabled: true, customStorage: rateLimitStore(), ...options.rateLimit },
    telemetry: { enabled: false },
    // Only the message: BetterAuth's extra arguments can carry request data.
    logger: { level: 'debug', log: (level, message) => log(level, message) },
    // twoFactor: users can protect their accounts with an authenticator app (the account page);
    // the handoff's pages then ask for its code, as BetterAuth's own sign-in does.
    plugins: [bearer(), twoFactor({ issuer: product.productName }), desktopHandoff({ ...options.handoff, clients: options.clients ?? defaultClients() })],
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/**
 * The reference server: BetterAuth with bearer() and the desktop handoff, on 127.0.0.1. It
 * answers 503 until migrations are done; `GET /healthz` turns 200 after.
 */
export async function createAuthServer(options: AuthServerOptions): Promise<AuthServer> {
  if (options.secret.length < 32) throw new Error('The auth server secret must be at least 32 characters.');
  let handler: ((request: Request) => Promise<Response>) | null = null;
  const server = createServer((request, response) => {
    void (async () => {
      const path = request.url ?? '/';
      const pathname = path.split('?')[0];
      if (pathname === handoff.healthPath) return sendText(response, handler ? 200 : 503, handler ? 'ok' : 'starting');
      if (!handler) return sendText(response, 503, 'starting');
      // The authorize page lives at the origin's /desktop/authorize; BetterAuth serves it under its base path.
      const routed = pathname === handoff.authorizePath ? `${handoff.authBasePath}${path}` : path;
      if (!routed.startsWith(`${handoff.authBasePath}/`)) return sendText(response, 404, 'Not found');
      const fetchRequest = await toFetchRequest(request, url, routed);
      await sendFetchResponse(await handler(fetchRequest), response);
    })().catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof BodyTooLarge) return sendText(response, 413, 'Request too large');
      console.error(`[auth] error: ${error instanceof Error ? error.message : 'request failed'}`);
      sendText(response, 500, 'Internal error');
    });
  });
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  let database;
  try {
    database = await openDatabase(options.database);
  } catch (error) {
    server.close();
    throw error;
  }
  const auth = createAuth(options, url, database.handle);
  try {
    const { runMigrations } = await getMigrations(auth.options);
    await runMigrations();
  } catch (error) {
    server.close();
    await database.close();
    throw error;
  }
  handler = auth.handler;
  return {
    url,
    port,
    auth,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await database.close();
    },
  };
}
