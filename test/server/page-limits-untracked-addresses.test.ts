import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost, type Host } from './host';

/**
 * A host that turns off IP tracking (`advanced.ipAddress.disableIpTracking`) cannot tell one
 * visitor from another, and BetterAuth then limits no one rather than everyone in one shared
 * bucket: otherwise a single visitor could use up the sign-in pages for every person at once.
 */
describe('page limits on a host that does not track addresses', () => {
  let host: Host;
  beforeAll(async () => {
    host = await startHost({
      auth: { rateLimit: { enabled: true, storage: 'memory' }, advanced: { ipAddress: { disableIpTracking: true } } },
      handoff: { rateLimit: { authorize: { window: 60, max: 1 } } },
    });
  });
  afterAll(async () => host?.close());

  it('leaves every visitor their page, as BetterAuth leaves its own paths', async () => {
    const first = await fetch(host.authorizeUrl(), { headers: { 'x-forwarded-for': '203.0.113.1' } });
    const second = await fetch(host.authorizeUrl(), { headers: { 'x-forwarded-for': '198.51.100.2' } });
    expect([first.status, second.status]).toEqual([200, 200]);
  });
});
