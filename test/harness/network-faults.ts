import { PassThrough } from 'node:stream';
import { generateCACertificate, getLocal, type MockedEndpoint, type Mockttp } from 'mockttp';

/**
 * A hostile network between the app and the real auth server, made of mockttp: every request is
 * forwarded to the server unless a fault is put on its path. The faults are what a stalled VPN, a
 * captive portal, a web filter or a proxy do on a real machine.
 */
export type NetworkFault =
  | { kind: 'stallAfterHeaders' }
  | { kind: 'reset' }
  | { kind: 'slowHeaders'; ms: number }
  | { kind: 'truncate' }
  | { kind: 'html'; status: number; headers?: Record<string, string> }
  | { kind: 'portalRedirect'; to: string };

export interface FaultyNetwork {
  /** Where the app and the browser reach the server: the proxy's own address. */
  url: string;
  /** Where the real server listens (its port: its public URL is the proxy's own). */
  forwardTo(port: number): Promise<void>;
  /** Puts a fault on every request to `path`, or clears all faults with null. */
  fault(path: string | null, fault?: NetworkFault): Promise<void>;
  /** Requests that reached the proxy for `path` since the last `fault()`. */
  seen(path: string): Promise<number>;
  close(): Promise<void>;
}

export async function faultyNetwork(options: { https?: boolean } = {}): Promise<FaultyNetwork> {
  // A certificate from an authority nobody trusts: what an intercepting proxy presents.
  const https = options.https ? await generateCACertificate({ subject: { commonName: 'Corporate Inspection CA' } }) : undefined;
  const mock: Mockttp = getLocal(https ? { https } : {});
  await mock.start();
  const stalled = new Set<PassThrough>();
  let target: string | null = null;
  let counted: { path: string; endpoints: MockedEndpoint[] } | null = null;

  const forward = async () => {
    if (target) await mock.forUnmatchedRequest().thenForwardTo(target);
  };
  return {
    // By address: this machine may not resolve "localhost", which mock.url names.
    url: `${https ? 'https' : 'http'}://127.0.0.1:${mock.port}`,
    async forwardTo(port) {
      target = `http://127.0.0.1:${port}`;
      await forward();
    },
    async fault(path, fault) {
      await mock.reset();
      for (const stream of stalled) stream.destroy();
      stalled.clear();
      counted = null;
      if (path && fault) counted = { path, endpoints: await faultRule(mock, path, fault, stalled) };
      await forward();
    },
    async seen(path) {
      if (!counted || counted.path !== path) return 0;
      const seen = await Promise.all(counted.endpoints.map((endpoint) => endpoint.getSeenRequests()));
      return seen.reduce((sum, requests) => sum + requests.length, 0);
    },
    async close() {
      for (const stream of stalled) stream.destroy();
      await mock.stop();
    },
  };
}

/** Enough for any one journey; each request that a streamed fault answers needs a stream of its own. */
const streamedAnswers = 6;

async function faultRule(mock: Mockttp, path: string, fault: NetworkFault, streams: Set<PassThrough>) {
  const rule = () => mock.forAnyRequest().matching((request) => new URL(request.url).pathname === path);
  /** A fresh body per request, each written by `start`: mockttp reads a stream once. */
  const streamed = async (start: (body: PassThrough) => void) => {
    const endpoints = [];
    for (let i = 0; i < streamedAnswers; i += 1) {
      const body = new PassThrough();
      // The fault's own "connection lost" is the point, not a failure of the test.
      body.on('error', () => undefined);
      streams.add(body);
      const endpoint = await rule().once().thenStream(200, body, { 'content-type': 'application/json', 'content-length': '400' });
      start(body);
      endpoints.push(endpoint);
    }
    return endpoints;
  };
  switch (fault.kind) {
    case 'stallAfterHeaders':
      return streamed((body) => body.write('{"session":'));
    case 'truncate':
      // Promises 400 bytes, sends a few, and drops the connection once they are out.
      return streamed((body) => {
        body.write('{"session":{"expiresAt":"20');
        body.once('resume', () => setTimeout(() => body.destroy(new Error('connection lost')), 50));
      });
    case 'reset':
      return [await rule().thenResetConnection()];
    case 'slowHeaders':
      return [await rule().delay(fault.ms).thenReply(200, 'null', { 'content-type': 'application/json' })];
    case 'html':
      return [await rule().thenReply(fault.status, '<html><body><h1>Access to this site is blocked by policy</h1></body></html>', { 'content-type': 'text/html', ...fault.headers })];
    case 'portalRedirect':
      return [await rule().thenReply(302, '', { location: fault.to })];
  }
}
