import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { startAuthServer, testBackends, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { decideOnDevice, devicePage, pollDeviceToken, requestDeviceCode, signInForDevice } from './device-flow';
import { HttpBrowser, signedInBrowser } from './http-flow';
import { totpCode } from './totp';
import { enrolTotp } from './two-factor-user';

const warning = 'Only continue if you started this sign-in yourself on your computer.';

/** The page a person sees after opening the code's link, already signed in: the confirmation. */
async function openCode(browser: HttpBrowser, code: { verification_uri_complete: string }): Promise<{ status: number; text: string }> {
  const response = await browser.request(devicePage(code));
  return { status: response.status, text: await response.text() };
}

describe.each(testBackends)('the device page on %s', (backend) => {
  let server: TestAuthServer;
  let user: TestUser;
  let signedIn: HttpBrowser;
  beforeAll(async () => {
    server = await startAuthServer({ backend });
    user = await server.createUser();
    signedIn = await signedInBrowser(server, user);
  });
  afterAll(async () => server?.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs in, names the app, warns, and on approval /device/token gives a session /get-session accepts', async () => {
    const { body: code } = await requestDeviceCode(server);
    const phone = new HttpBrowser(server.url);
    const signInPage = await phone.request(devicePage(code));
    expect(signInPage.status).toBe(200);
    expect(await signInPage.text()).toContain('Sign in to continue to Latchkey');
    const signIn = await signInForDevice(phone, code.user_code, user);
    expect([signIn.status, signIn.headers.get('location')]).toEqual([303, `/device?user_code=${code.user_code}`]);
    const confirm = await openCode(phone, code);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Sign in to Latchkey on your computer?');
    expect(confirm.text).toContain(`${code.user_code.slice(0, 4)}-${code.user_code.slice(4)}`);
    expect(confirm.text).toContain(warning);
    expect(confirm.text).toContain(user.email);
    expect((await pollDeviceToken(server, code.device_code)).body.error).toBe('authorization_pending');

    const decided = await decideOnDevice(phone, confirm.text, 'approve');
    expect(decided.status).toBe(200);
    expect(await decided.text()).toContain('Go back to your computer');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + code.interval * 1000);
    const token = await pollDeviceToken(server, code.device_code);
    vi.useRealTimers();
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ token_type: 'Bearer', scope: '' });
    expect(token.body.expires_in).toBeGreaterThan(0);
    const session = await fetch(`${server.url}${handoff.sessionPath}`, { headers: { authorization: `Bearer ${String(token.body.access_token)}` } });
    expect(((await session.json()) as { user: { email: string } }).user.email).toBe(user.email);
  });

  it('offers the create-account view for the code, and an account made there signs in back to the same code', async () => {
    const { body: code } = await requestDeviceCode(server);
    const phone = new HttpBrowser(server.url);
    const signInView = await (await phone.request(devicePage(code))).text();
    const createLink = `/device?user_code=${code.user_code}&#38;prompt=create`;
    expect(signInView).toContain(`href="${createLink}"`);
    const createView = await phone.request(createLink.replace('&#38;', '&'));
    expect([createView.status, await createView.text()]).toEqual([200, expect.stringContaining('Create an account to continue to Latchkey')]);
    const person = { name: 'New Person', email: `new-${code.user_code.toLowerCase()}@example.test`, password: 'correct horse battery' };
    const created = await phone.request(`${handoff.authBasePath}/desktop/sign-up`, { method: 'POST', form: { authorize_query: `user_code=${code.user_code}`, ...person } });
    expect([created.status, await created.text()]).toEqual([200, expect.stringContaining(`href="${createLink}"`)]);
    const signIn = await signInForDevice(phone, code.user_code, { ...person, id: '' });
    expect(signIn.headers.get('location')).toBe(`/device?user_code=${code.user_code}`);
    expect((await openCode(phone, code)).text).toContain(person.email);
  });

  it('denies: the app is told access_denied, and the code cannot be used again', async () => {
    const { body: code } = await requestDeviceCode(server);
    const confirm = await openCode(signedIn, code);
    const decided = await decideOnDevice(signedIn, confirm.text, 'deny');
    expect([decided.status, await decided.text()]).toEqual([200, expect.stringContaining('Sign-in denied')]);
    const poll = await pollDeviceToken(server, code.device_code);
    expect([poll.status, poll.body]).toEqual([400, { error: 'access_denied', error_description: 'Access denied' }]);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + code.interval * 1000);
    expect((await pollDeviceToken(server, code.device_code)).body.error).toBe('invalid_grant');
  });

  it('asks an account with two-factor authentication for its code, then comes back to the approval', async () => {
    const protectedUser = await server.createUser();
    const enrolment = await enrolTotp(server.server.auth.api, protectedUser);
    const { body: code } = await requestDeviceCode(server);
    const phone = new HttpBrowser(server.url);
    const signIn = await signInForDevice(phone, code.user_code, protectedUser);
    expect([signIn.status, await signIn.text()]).toEqual([200, expect.stringContaining('Enter your code to continue to Latchkey')]);
    const verified = await phone.request(`${handoff.authBasePath}/desktop/second-factor`, {
      method: 'POST',
      form: { authorize_query: `user_code=${code.user_code}`, method: 'totp', code: totpCode(enrolment.totpURI) },
    });
    expect([verified.status, verified.headers.get('location')]).toEqual([303, `/device?user_code=${code.user_code}`]);
    expect((await openCode(phone, code)).text).toContain(warning);
  });

  it('takes a code typed by hand in any case, with spaces and dashes', async () => {
    const { body: code } = await requestDeviceCode(server);
    const typed = ` ${code.user_code.slice(0, 4).toLowerCase()} – ${code.user_code.slice(4)} `;
    const response = await signedIn.request(`/device?${new URLSearchParams({ user_code: typed })}`);
    expect([response.status, await response.text()]).toEqual([200, expect.stringContaining(warning)]);
  });

  it('offers a code form on the bare address', async () => {
    const response = await signedIn.request('/device');
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).toMatch(/<label>Code shown on your computer <input type="text" name="user_code"[^>]*autocomplete="one-time-code"/u);
    expect(text).toContain('<form method="get" action="/device">');
  });

  it('answers a used, an expired, an unknown and a malformed code with a sentence, never JSON', async () => {
    const { body: used } = await requestDeviceCode(server);
    await decideOnDevice(signedIn, (await openCode(signedIn, used)).text, 'approve');
    const again = await openCode(signedIn, used);
    expect([again.status, again.text]).toEqual([410, expect.stringContaining('This code was already used')]);

    const unknown = await signedIn.request('/device?user_code=CDFH-JKMN');
    expect([unknown.status, await unknown.text()]).toEqual([404, expect.stringContaining('No sign-in is waiting for that code')]);
    const malformed = await signedIn.request('/device?user_code=%3Cscript%3E');
    const malformedText = await malformed.text();
    expect([malformed.status, malformed.headers.get('content-type')]).toEqual([400, 'text/html; charset=utf-8']);
    expect(malformedText).toContain('That does not look like a code from the app');
    expect(malformedText).not.toContain('<script>');

    vi.useFakeTimers({ toFake: ['Date'] });
    const { body: expired } = await requestDeviceCode(server);
    vi.setSystemTime(Date.now() + (expired.expires_in + 1) * 1000);
    const late = await openCode(signedIn, expired);
    expect([late.status, late.text]).toEqual([410, expect.stringContaining('This code has expired')]);
  });

  it('keeps a code opened by one account from being approved by another', async () => {
    const { body: code } = await requestDeviceCode(server);
    await openCode(signedIn, code);
    const other = await signedInBrowser(server, await server.createUser());
    const second = await openCode(other, code);
    expect([second.status, second.text]).toEqual([409, expect.stringContaining('Another account has this code')]);
  });

  it('ignores an approval posted from elsewhere or without the page’s token, and the code stays pending', async () => {
    const { body: code } = await requestDeviceCode(server);
    const confirm = await openCode(signedIn, code);
    const csrf = /name="csrf" value="([^"]*)"/u.exec(confirm.text)![1]!;
    const decide = `${handoff.authBasePath}/desktop/device/decide`;
    const crossSite = await signedIn.request(decide, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, form: { user_code: code.user_code, csrf, decision: 'approve' } });
    const noToken = await signedIn.request(decide, { method: 'POST', form: { user_code: code.user_code, decision: 'approve' } });
    for (const refused of [crossSite, noToken]) expect([refused.status, await refused.text()]).toEqual([403, expect.stringContaining('This answer was ignored')]);
    expect((await pollDeviceToken(server, code.device_code)).body.error).toBe('authorization_pending');
  });

  it('refuses to be framed', async () => {
    const { body: code } = await requestDeviceCode(server);
    for (const path of ['/device', devicePage(code)]) {
      const response = await new HttpBrowser(server.url).request(path);
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});

describe.each(testBackends)('the device page’s rate limit on %s', (backend) => {
  let server: TestAuthServer;
  beforeAll(async () => {
    server = await startAuthServer({ backend, handoff: { rateLimit: { device: { window: 60, max: 2 } } } });
  });
  afterAll(async () => server?.close());

  it('slows down guessing codes on the page', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await fetch(`${server.url}/device?user_code=CDFHJKMN`)).status);
    expect(statuses).toEqual([404, 404, 429]);
  });
});
