import { randomUUID } from 'node:crypto';

/** One request as the access log tells it: never a query string, cookie, code or token. */
export interface RequestLogEntry {
  time: string;
  requestId: string;
  method: string;
  /** The path without its query; a segment that could be a secret is replaced by `:secret`. */
  path: string;
  status: number;
  durationMs: number;
}

export type RequestLog = (entry: RequestLogEntry) => void;

const requestIdPattern = /^[A-Za-z0-9._:-]{8,128}$/u;
/** BetterAuth carries tokens in some paths (`/reset-password/:token`): long opaque segments are hidden. */
const secretSegmentPattern = /^[A-Za-z0-9._~%-]{20,}$/u;
const knownMethods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** The proxy's `x-request-id` when it is well formed, so one id follows a request end to end; else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && requestIdPattern.test(header) ? header : randomUUID();
}

export function loggablePath(rawUrl: string): string {
  const path = rawUrl.split(/[?#]/u, 1)[0] || '/';
  return path
    .split('/')
    .map((segment) => (secretSegmentPattern.test(segment) ? ':secret' : segment))
    .join('/')
    .slice(0, 256);
}

export function loggableMethod(method: string | undefined): string {
  return method && knownMethods.has(method) ? method : 'OTHER';
}

/** `json`: one JSON object per line; `text`: one short line; both to `write` (stdout by default). */
export function requestLog(format: 'off' | 'text' | 'json', write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): RequestLog | null {
  if (format === 'off') return null;
  if (format === 'json') return (entry) => write(JSON.stringify({ level: 'info', msg: 'request', ...entry }));
  return (entry) => write(`${entry.time} ${entry.method} ${entry.path} ${entry.status} ${entry.durationMs}ms ${entry.requestId}`);
}
