import type { IncomingMessage, ServerResponse } from 'node:http';
import { directPeers, forwardedHeaders, type ClientAddressPolicy } from './client-address';

/** Larger bodies are refused before they are read: no form or token request comes close. */
export const maxRequestBodyBytes = 64 * 1024;

export class BodyTooLarge extends Error {
  constructor() {
    super('request body too large');
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > maxRequestBodyBytes) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxRequestBodyBytes) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A Fetch Request from Node's. The client-address headers are rebuilt from the socket's peer
 * (see `forwardedHeaders`): BetterAuth's rate limiter keys on them.
 */
export async function toFetchRequest(request: IncomingMessage, origin: string, path: string, policy: ClientAddressPolicy = directPeers): Promise<Request> {
  const header = (name: string): string | null => {
    const value = request.headers[name];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null;
  };
  const rebuilt = forwardedHeaders(
    { forwardedFor: header('x-forwarded-for'), clientIp: policy.clientIpHeader ? header(policy.clientIpHeader) : null },
    request.socket.remoteAddress ?? '127.0.0.1',
    policy,
  );
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || name === 'x-forwarded-for' || name === policy.clientIpHeader) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  for (const [name, value] of Object.entries(rebuilt)) headers.set(name, value);
  const method = request.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(request);
  return new Request(new URL(path, origin), { method, headers, body: body?.length ? new Uint8Array(body) : undefined });
}

export async function sendFetchResponse(response: Response, out: ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers['set-cookie'] = cookies;
  out.writeHead(response.status, headers);
  out.end(Buffer.from(await response.arrayBuffer()));
}

export function sendText(out: ServerResponse, status: number, text: string): void {
  out.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  out.end(text);
}
