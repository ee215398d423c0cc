import type { IncomingMessage, ServerResponse } from 'node:http';
import { handoff } from '../contract/handoff';
import type { ClientAddressPolicy } from './client-address';
import { homePage } from './home-page';
import { BodyTooLarge, sendFetchResponse, sendText, toFetchRequest } from './node-http';
import { loggableMethod, loggablePath, requestIdFrom, type RequestLog } from './request-log';

export const metadataPath = handoff.metadataPath;
export const livenessPath = `${handoff.healthPath}/live`;
export const readinessPath = `${handoff.healthPath}/ready`;

export interface FrontOptions {
  /** The origin BetterAuth's requests are addressed to (BETTER_AUTH_URL). */
  publicUrl: string;
  policy: ClientAddressPolicy;
  log: RequestLog | null;
  /** Routes on the origin that BetterAuth serves under its base path: origin path → path under the base path. */
  originRoutes: Readonly<Record<string, string>>;
  /** The account page, when the server has one: served by `Ready.account`, linked from the home page. */
  accountPath: string | null;
}

export interface Ready {
  handler: (request: Request) => Promise<Response>;
  /** The account page's own handler, for `accountPath` and below, addressed at the origin. */
  account?: (request: Request) => Promise<Response>;
  /** Resolves when the database answers; rejects when it does not. */
  ping: () => Promise<void>;
}

/**
 * The reference server's front door, before BetterAuth: health, the home page, routing of the
 * origin's routes into BetterAuth's base path, the access log, and draining on shutdown.
 */
export class HttpFront {
  #ready: Ready | null = null;
  #draining = false;
  constructor(private readonly options: FrontOptions) {}

  open(ready: Ready): void {
    this.#ready = ready;
  }

  /** From now on readiness fails (so a load balancer stops sending) and no connection is kept alive. */
  drain(): void {
    this.#draining = true;
  }

  listener = (request: IncomingMessage, response: ServerResponse): void => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(request.headers['x-request-id']);
    response.setHeader('x-request-id', requestId);
    if (this.#draining) response.setHeader('connection', 'close');
    const { log } = this.options;
    if (log) {
      response.once('finish', () => {
        log({
          time: new Date().toISOString(),
          requestId,
          method: loggableMethod(request.method),
          path: loggablePath(request.url ?? '/'),
          status: response.statusCode,
          durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        });
      });
    }
    this.#serve(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof BodyTooLarge) return sendText(response, 413, 'Request too large');
      console.error(`[auth] error: ${error instanceof Error ? error.message : 'request failed'} (request ${requestId})`);
      sendText(response, 500, 'Internal error');
    });
  };

  /** Ready: migrations have run, the database answers now, and the server is not shutting down. */
  async #readiness(): Promise<'ready' | 'starting' | 'draining' | 'database unavailable'> {
    if (this.#draining) return 'draining';
    if (!this.#ready) return 'starting';
    try {
      await this.#ready.ping();
      return 'ready';
    } catch {
      return 'database unavailable';
    }
  }

  async #serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = request.url ?? '/';
    const pathname = path.split('?')[0]!;
    if (pathname === livenessPath) return sendText(response, 200, 'live');
    if (pathname === handoff.healthPath || pathname === readinessPath) {
      const readiness = await this.#readiness();
      return readiness === 'ready' ? sendText(response, 200, 'ok') : sendText(response, 503, readiness);
    }
    if (pathname === '/' && (request.method === 'GET' || request.method === 'HEAD')) {
      const page = homePage({
        ready: (await this.#readiness()) === 'ready',
        accountPath: this.options.accountPath,
        metadataPath,
        stylesheetPath: `${handoff.authBasePath}/desktop/stylesheet`,
        markPath: `${handoff.authBasePath}/desktop/mark.svg`,
      });
      return sendFetchResponse(page, response);
    }
    const ready = this.#ready;
    if (!ready) return sendText(response, 503, 'starting');
    const { accountPath, publicUrl, policy } = this.options;
    if (ready.account && accountPath && (pathname === accountPath || pathname.startsWith(`${accountPath}/`))) {
      return sendFetchResponse(await ready.account(await toFetchRequest(request, publicUrl, path, policy)), response);
    }
    const target = Object.hasOwn(this.options.originRoutes, pathname) ? this.options.originRoutes[pathname] : undefined;
    const routed = target === undefined ? path : `${handoff.authBasePath}${target}${path.slice(pathname.length)}`;
    if (!routed.startsWith(`${handoff.authBasePath}/`)) return sendText(response, 404, 'Not found');
    const fetchRequest = await toFetchRequest(request, this.options.publicUrl, routed, this.options.policy);
    await sendFetchResponse(await ready.handler(fetchRequest), response);
  }
}
