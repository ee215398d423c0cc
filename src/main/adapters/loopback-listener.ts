import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoopbackListener, LoopbackServer } from '../../core/ports';

/** Shown in the browser tab; it echoes nothing from the request, least of all the code. */
const closeTabPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Return to Latchkey</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1c1c1e}</style>
</head><body><main><h1>Return to Latchkey</h1><p>Latchkey has the answer from your browser. You can close this tab.</p></main></body></html>`;

/** For a request that is not the pending sign-in's: the listener stays open for the real one. */
const strayPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Not the sign-in Latchkey is waiting for</title>
<style>body{font:16px system-ui,sans-serif;max-width:28rem;margin:4rem auto;padding:0 1rem;color:#1c1c1e}</style>
</head><body><main><h1>Not the sign-in Latchkey is waiting for</h1><p>This link doesn't belong to the sign-in Latchkey started. Start signing in from Latchkey again if you meant to.</p></main></body></html>`;

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  connection: 'close',
};

/**
 * The loopback redirect listener (RFC 8252 §7.3): node:http on 127.0.0.1 only, for the one
 * request to the callback path that the core accepts. Anything else (a favicon, another path,
 * another method) gets a 404, a callback the core refuses (wrong or missing state) a 400; neither
 * uses the listener up, so a stray request cannot lock the real redirect out.
 */
export const loopbackServer: LoopbackServer = {
  listen({ port, path, timeoutMs, onCallback }) {
    return new Promise<LoopbackListener>((resolve, reject) => {
      let used = false;
      let boundPort = 0;
      let timer: NodeJS.Timeout | undefined;
      const server = createServer((request: IncomingMessage, response: ServerResponse) => {
        const target = request.url ?? '';
        const pathname = target.split('?', 1)[0];
        if (used || request.method !== 'GET' || !target.startsWith('/') || pathname !== path) {
          response.writeHead(404, { ...pageHeaders, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
          return;
        }
        if (onCallback(`http://127.0.0.1:${boundPort}${target}`) === 'refused') {
          response.writeHead(400, pageHeaders).end(strayPage);
          return;
        }
        used = true;
        response.writeHead(200, pageHeaders).end(closeTabPage, () => close());
      });
      const close = () => {
        clearTimeout(timer);
        server.close();
        server.closeAllConnections();
      };
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
        server.off('error', reject);
        boundPort = (server.address() as AddressInfo).port;
        timer = setTimeout(close, timeoutMs);
        timer.unref();
        resolve({ port: boundPort, close });
      });
    });
  },
};
