import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeAuthServer } from '../../unit/auth/fakes';

export interface FakeAuthHttp {
  origin: string;
  auth: FakeAuthServer;
  close(): Promise<void>;
}

/**
 * The handoff protocol over real HTTP, until the reference server's harness arrives: authorize
 * approves at once and redirects (a real server asks for consent first), and the token endpoint
 * applies the protocol's rules.
 */
export async function startFakeAuthHttp(): Promise<FakeAuthHttp> {
  let auth: FakeAuthServer | null = null;
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', auth!.origin);
    if (request.method === 'GET' && url.pathname === '/desktop/authorize') {
      response.writeHead(302, { location: auth!.approve(url) }).end();
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      void auth!
        .fetch(url, { method: request.method ?? 'GET', body: Buffer.concat(chunks).toString('utf8') })
        .then(async (answer) => response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  auth = new FakeAuthServer(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  return {
    origin: auth.origin,
    auth,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
