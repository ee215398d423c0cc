import { handoff } from '../../contract/handoff';
import { request } from '../http';
import type { Http, Logger } from '../ports';
import type { IssuerMemory } from './issuer-memory';
import { knownPathEndpoints, metadataLimits, parseServerMetadata, type ServerEndpoints } from './server-metadata';

/** What the sign-in flow and the account ask for a server's endpoints. */
export interface EndpointSource {
  endpoints(): Promise<ServerEndpoints>;
  /** What is already known, without waiting: null until the first discovery has finished. */
  cached(): ServerEndpoints | null;
  /** An endpoint answered 404: the server moved something, so the next call reads its metadata again. */
  forget(): void;
}

export interface ServerDiscoveryDeps {
  http: Http;
  serverOrigin: string;
  logger: Logger;
  timeoutMs?: number;
  /** Servers that advertised `iss` before. @default remembered for this run only */
  issuers?: IssuerMemory;
}

export const discoveryTimeoutMs = 10_000;

/**
 * Finds a server's endpoints from its origin alone (RFC 8414 §3) and keeps them. A server that
 * answers 404 has no metadata and keeps the known paths; one that cannot be reached is asked again
 * next time, and meanwhile the known paths are tried.
 */
export class ServerDiscovery implements EndpointSource {
  #found: ServerEndpoints | null = null;
  #pending: Promise<ServerEndpoints> | null = null;

  readonly #issuers: IssuerMemory;

  constructor(private readonly deps: ServerDiscoveryDeps) {
    const run = new Set<string>();
    this.#issuers = deps.issuers ?? { promisedIss: (origin) => run.has(origin), rememberIss: (origin) => void run.add(origin) };
  }

  endpoints(): Promise<ServerEndpoints> {
    if (this.#found) return Promise.resolve(this.#found);
    // Callers at the same moment share one request.
    this.#pending ??= this.#discoverKeepingIss().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  cached(): ServerEndpoints | null {
    return this.#found;
  }

  /** A server that once promised `iss` is held to it, whatever its metadata says (or fails to) now. */
  async #discoverKeepingIss(): Promise<ServerEndpoints> {
    const found = await this.#discover();
    if (found.issRequired) this.#issuers.rememberIss(found.issuer);
    if (found.issRequired || !this.#issuers.promisedIss(found.issuer)) return found;
    this.deps.logger.log('info', 'The server promised iss before; callbacks without it stay refused', {});
    const held = { ...found, issRequired: true };
    if (this.#found === found) this.#found = held;
    return held;
  }

  /**
   * Endpoints already read and checked (a server the user typed, checked before its sign-in):
   * kept, so the sign-in does not depend on a second read, and its `iss` promise remembered.
   */
  adopt(endpoints: ServerEndpoints): void {
    if (endpoints.issRequired) this.#issuers.rememberIss(endpoints.issuer);
    this.#found ??= endpoints;
  }

  forget(): void {
    if (this.#found) this.deps.logger.log('info', 'Server endpoints will be read again', { source: this.#found.source });
    this.#found = null;
  }

  async #discover(): Promise<ServerEndpoints> {
    const { serverOrigin, logger } = this.deps;
    const known = knownPathEndpoints(serverOrigin);
    const read = await readMetadata(this.deps.http, serverOrigin, this.deps.timeoutMs ?? discoveryTimeoutMs);
    switch (read.kind) {
      case 'unreachable':
        logger.log('warn', 'Server metadata could not be read; using the known paths', { reason: read.reason });
        return known;
      case 'absent':
        logger.log('info', 'The server publishes no metadata; using the known paths', {});
        return (this.#found = known);
      case 'refused':
        logger.log('warn', 'Server metadata refused; using the known paths', { status: read.status, reason: read.reason });
        return known;
      case 'found':
        logger.log('info', 'Server endpoints discovered', { source: 'metadata', issRequired: read.endpoints.issRequired });
        return (this.#found = read.endpoints);
    }
  }
}

/** What a server's RFC 8414 metadata request came to. */
export type MetadataRead =
  | { kind: 'unreachable'; reason: string }
  | { kind: 'absent' }
  | { kind: 'refused'; status: number; reason: string }
  | { kind: 'found'; endpoints: ServerEndpoints; desktopSessions: boolean };

/** Reads and checks a server's metadata (RFC 8414 §3), the whole answer within the deadline. */
export async function readMetadata(http: Http, serverOrigin: string, timeoutMs: number): Promise<MetadataRead> {
  const sent = await request(
    http,
    new URL(handoff.metadataPath, serverOrigin).href,
    { headers: { accept: 'application/json' }, redirect: 'manual' },
    { timeoutMs, maxBytes: metadataLimits.body },
  );
  if ('failure' in sent) return { kind: 'unreachable', reason: sent.failure };
  const { answer } = sent;
  if (answer.status === 404) return { kind: 'absent' };
  let body: unknown = null;
  try {
    body = answer.status === 200 ? JSON.parse(answer.text) : null;
  } catch {
    body = null;
  }
  const parse = parseServerMetadata(body, serverOrigin);
  if (!parse.ok) return { kind: 'refused', status: answer.status, reason: parse.reason };
  const desktopSessions = typeof (body as Record<string, unknown>).desktop_session_endpoint === 'string';
  return { kind: 'found', endpoints: parse.endpoints, desktopSessions };
}

/** The known paths of a server, for callers given only an origin (and for old servers). */
export function knownPaths(serverOrigin: string): EndpointSource {
  const endpoints = knownPathEndpoints(serverOrigin);
  return { endpoints: async () => endpoints, cached: () => endpoints, forget: () => undefined };
}

