import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceAuthorization } from 'better-auth/plugins';
import { desktopDeviceOptions } from '@latchkey/desktop-handoff';
import { testBackends } from '../harness/auth-server';
import { hiddenField, HttpBrowser } from './http-flow';
import { hostClient, startHost, type Host } from './host';

/** The number docs/integrate.md promises a host: lookups of a device code per address per minute. */
function documentedBudget(): number {
  const guide = readFileSync(new URL('../../docs/integrate.md', import.meta.url), 'utf8');
  const match = /(\d+)\s+lookups\s+of\s+a\s+device\s+code\s+a\s+minute\s+per\s+address/u.exec(guide);
  if (!match) throw new Error('docs/integrate.md no longer states the device-code lookup budget');
  // The device page's own section states it again, and must give the same number.
  const again = /(\d+)\s+device-code\s+lookups\s+a\s+minute/u.exec(guide);
  if (again?.[1] !== match[1]) throw new Error(`docs/integrate.md gives the device-code lookup budget as ${match[1]} and as ${again?.[1] ?? 'nothing'}`);
  return Number(match[1]);
}

const limited = 'Too many codes tried';

describe.each(testBackends)('one budget for every lookup of a device code, on %s', (backend) => {
  let host: Host;
  let userCode: string;
  const user = { email: `budget-${Date.now()}@example.test`, password: 'correct horse battery', name: 'Budget' };
  beforeAll(async () => {
    // The plugin's own limits, as a host gets them: rate limiting on (BetterAuth's is off outside
    // production), in BetterAuth's database storage on PostgreSQL as a host with instances would.
    host = await startHost({
      backend,
      auth: { rateLimit: { enabled: true, storage: backend === 'postgres' ? 'database' : 'memory' }, plugins: [deviceAuthorization(desktopDeviceOptions({ clients: [hostClient] }))] },
      handoff: { rateLimit: {} },
    });
    await host.auth.api.signUpEmail({ body: user });
    const code = await fetch(`${host.url}/api/auth/device/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: hostClient.clientId }) });
    userCode = ((await code.json()) as { user_code: string }).user_code;
  });
  afterAll(async () => host?.close());

  it('counts the page, its decision and every sign-in form against the number the guide gives', async () => {
    const budget = documentedBudget();
    const browser = new HttpBrowser(host.url);
    const carried = new URLSearchParams({ user_code: userCode }).toString();
    const form = (path: string, fields: Record<string, string>) => browser.request(`/api/auth/desktop/${path}`, { method: 'POST', form: fields });
    const page = (code: string) => browser.request(`/device?user_code=${code}`);

    // One lookup by each way in: each sign-in form carrying the code, the page, and its decision.
    const lookups: Response[] = [
      await form('sign-up', { authorize_query: carried, email: `other-${Date.now()}@example.test`, password: 'correct horse battery' }),
      await form('social', { authorize_query: carried, provider: 'github' }),
      await form('second-factor', { authorize_query: carried, code: '000000' }),
      await form('sign-in', { authorize_query: carried, email: user.email, password: user.password }),
    ];
    const confirm = await page(userCode);
    lookups.push(confirm);
    const csrf = hiddenField(await confirm.clone().text(), 'csrf');
    // A code nobody issued: the decision still looks it up, which is what a guess costs.
    lookups.push(await form('device/decide', { user_code: 'CDFH-JKMN', csrf, decision: 'deny' }));
    while (lookups.length < budget) lookups.push(await page('CDFHJKMN'));
    const texts = await Promise.all(lookups.map((answer) => answer.text()));
    expect(lookups.map((answer) => answer.status)).not.toContain(429);
    expect(texts.filter((text) => text.includes(limited))).toEqual([]);

    // The budget is spent, whichever way the next lookup comes.
    const after = [await page(userCode), await form('device/decide', { user_code: userCode, csrf, decision: 'approve' }), await form('sign-in', { authorize_query: carried, email: user.email, password: user.password })];
    expect(after.map((answer) => answer.status)).toEqual([429, 429, 429]);
    for (const answer of after) {
      const text = await answer.text();
      expect(text).toContain(limited);
      // How long to wait, on the page and in Retry-After, within the budget's window.
      const wait = Number(answer.headers.get('retry-after'));
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(60);
      expect(text).toContain(`Try again in ${wait === 1 ? '1 second' : `${wait} seconds`}.`);
    }
    // Only lookups are counted: the page that asks for a code is still there.
    expect((await browser.request('/device')).status).toBe(200);
  });
});
