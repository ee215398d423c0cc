import { describe, expect, it } from 'vitest';
import { issuersKey, storedIssuerMemory } from '../../../src/core/auth/issuer-memory';
import { parseCallback } from '../../../src/core/auth/callback-url';
import { ServerDiscovery } from '../../../src/core/auth/server-discovery';
import type { Http } from '../../../src/core/ports';
import { RecordingLogger } from './fakes';

const origin = 'https://auth.example.com';
const metadata = {
  issuer: origin,
  authorization_endpoint: `${origin}/desktop/authorize`,
  token_endpoint: `${origin}/api/auth/desktop/token`,
  response_types_supported: ['code'],
  code_challenge_methods_supported: ['S256'],
  authorization_response_iss_parameter_supported: true,
};

/** A store in memory; `failing` makes every write throw, as a full disk does. */
function memoryStore() {
  const values = new Map<string, unknown>();
  return { values, failing: false, get: (key: string) => values.get(key), set(key: string, value: unknown) {
    if (this.failing) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    values.set(key, value);
  } };
}

const serving: Http = async () => Response.json(metadata);
const unreachable: Http = async () => {
  throw new TypeError('fetch failed');
};
const without = (status: number): Http => async () => new Response('gone', { status });

describe('a server that once promised iss (RFC 9207)', () => {
  for (const [name, later] of [['cannot be reached', unreachable], ['answers 404', without(404)], ['answers a proxy page', without(502)]] as const) {
    it(`is held to it after a restart when its metadata ${name}`, async () => {
      const store = memoryStore();
      const logger = new RecordingLogger();
      const first = new ServerDiscovery({ http: serving, serverOrigin: origin, logger, issuers: storedIssuerMemory(store, logger) });
      expect((await first.endpoints()).issRequired).toBe(true);
      expect(store.values.get(issuersKey)).toEqual([origin]);

      const restarted = new ServerDiscovery({ http: later, serverOrigin: origin, logger, issuers: storedIssuerMemory(store, logger) });
      const { issuer, issRequired } = await restarted.endpoints();
      expect(issRequired, 'the check stays on').toBe(true);
      const withoutIss = parseCallback('latchkey:/auth/callback?code=abcdefgh&state=abcdefghijklmnop', { scheme: 'latchkey', loopbackPort: null, issuer: { issuer, required: issRequired } });
      expect(withoutIss).toEqual({ ok: false, reason: 'no iss from a server that sends one' });
    });
  }

  it('is held to it for the rest of the run when the disk refuses to remember it', async () => {
    const store = memoryStore();
    store.failing = true;
    const logger = new RecordingLogger();
    const memory = storedIssuerMemory(store, logger);
    const discovery = new ServerDiscovery({ http: serving, serverOrigin: origin, logger, issuers: memory });
    expect((await discovery.endpoints()).issRequired).toBe(true);
    expect(logger.lines.map((line) => line.message)).toContain('That the server sends iss could not be saved; it is kept for this run');
    discovery.forget();
    const again = new ServerDiscovery({ http: unreachable, serverOrigin: origin, logger, issuers: memory });
    expect((await again.endpoints()).issRequired).toBe(true);
  });

  it('does not require iss of a server that never promised it', async () => {
    const store = memoryStore();
    const logger = new RecordingLogger();
    const { authorization_response_iss_parameter_supported: _promised, ...plain } = metadata;
    const discovery = new ServerDiscovery({ http: async () => Response.json(plain), serverOrigin: origin, logger, issuers: storedIssuerMemory(store, logger) });
    expect((await discovery.endpoints()).issRequired).toBe(false);
    expect(store.values.has(issuersKey)).toBe(false);
  });
});
