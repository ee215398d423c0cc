import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../../src/contract/handoff';
import { ServerDiscovery } from '../../../src/core/auth/server-discovery';
import { SignInFlow } from '../../../src/core/auth/sign-in-flow';
import type { Http } from '../../../src/core/ports';
import { startAuthServer, type TestAuthServer, type TestUser } from '../../harness/auth-server';
import { FakeClock } from '../../harness/fake-clock';
import { handedBack, hiddenField, signedInBrowser, type HttpBrowser } from '../../server/http-flow';
import { MemorySecrets, RecordingBrowser, RecordingLogger, systemRandom } from '../../unit/auth/fakes';

/** The app's side, given only the origin, against the real reference server. */
let server: TestAuthServer;
let user: TestUser;
let signedIn: HttpBrowser;

beforeAll(async () => {
  server = await startAuthServer();
  user = await server.createUser();
  signedIn = await signedInBrowser(server, user);
});
afterAll(async () => server?.close());

const realHttp: Http = (input, init) => fetch(input, init);

function flow(http: Http = realHttp) {
  const logger = new RecordingLogger();
  const browser = new RecordingBrowser();
  const signIn = new SignInFlow({
    serverOrigin: server.url,
    clientId: handoff.defaultClientId,
    scheme: 'dev.latchkey.app',
    lifetimeMs: 600_000,
    secrets: new MemorySecrets(),
    http,
    browser,
    clock: new FakeClock(Date.now()),
    random: systemRandom,
    logger,
    discovery: new ServerDiscovery({ http, serverOrigin: server.url, logger }),
  });
  return { signIn, browser, logger };
}

/** Approves the authorize URL the app opened, as the signed-in user, and answers the callback. */
async function approve(authorize: URL): Promise<URL> {
  const consent = await (await signedIn.request(authorize.pathname + authorize.search)).text();
  const decide = await signedIn.request(`${handoff.authBasePath}/desktop/decide`, {
    method: 'POST',
    form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' },
  });
  return new URL(await handedBack(decide));
}

describe('the mix-up defence (RFC 9207) with discovered endpoints', () => {
  it('signs in when the callback names the server it discovered', async () => {
    const { signIn, browser } = flow();
    await signIn.start('scheme');
    const callback = await approve(browser.last());
    expect(callback.searchParams.get('iss')).toBe(server.url);
    expect(await signIn.receiveCallback(callback.href)).toMatchObject({ kind: 'signedIn', user: { email: user.email } });
  });

  it.each([
    ['names another server', (callback: URL) => callback.searchParams.set('iss', 'https://attacker.example.com'), 'an iss naming another server'],
    ['leaves out iss though the server promised it', (callback: URL) => callback.searchParams.delete('iss'), 'no iss from a server that sends one'],
  ])('refuses a callback that %s, and the genuine one still signs in', async (_label, tamper, reason) => {
    const { signIn, browser, logger } = flow();
    await signIn.start('scheme');
    const callback = await approve(browser.last());
    const forged = new URL(callback.href);
    tamper(forged);
    expect(await signIn.receiveCallback(forged.href)).toEqual({ kind: 'ignored', reason: 'malformed callback' });
    expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'A sign-in callback was ignored', fields: expect.objectContaining({ reason }) }));
    expect(await signIn.receiveCallback(callback.href)).toMatchObject({ kind: 'signedIn' });
  });

  it('still signs in at an old server without metadata or iss, through the known paths', async () => {
    const asked: string[] = [];
    const oldServer: Http = async (input, init) => {
      asked.push(new URL(String(input)).pathname);
      return new URL(String(input)).pathname === handoff.metadataPath ? new Response('Not found', { status: 404 }) : fetch(input, init);
    };
    const { signIn, browser } = flow(oldServer);
    await signIn.start('scheme');
    expect(browser.last().pathname).toBe(handoff.authorizePath);
    const callback = await approve(browser.last());
    callback.searchParams.delete('iss');
    expect(await signIn.receiveCallback(callback.href)).toMatchObject({ kind: 'signedIn' });
    expect(asked).toEqual([handoff.metadataPath, handoff.tokenPath]);
  });
});
