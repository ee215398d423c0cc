import { APIError, createAuthMiddleware } from 'better-auth/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, testBackends, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { startHost, type Host } from './host';
import { hasSession, HttpBrowser, postPageForm } from './http-flow';
import { totpCode, wrongCode } from './totp';
import { enrolTotp, type TotpEnrolment } from './two-factor-user';

/** The host's own rule, as a `before` hook: no sign-in or sign-up from one email domain. */
const refuseBlockedDomain = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== '/sign-in/email' && ctx.path !== '/sign-up/email') return;
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  if (typeof email === 'string' && email.toLowerCase().endsWith('@blocked.example')) {
    throw new APIError('FORBIDDEN', { message: 'Accounts at blocked.example cannot sign in here.' });
  }
});

/** The page's text without what differs between two requests by design: the email, the hidden request, the script's nonce. */
function pageText(html: string, email: string): string {
  return html.replaceAll(email, '<email>').replace(/name="authorize_query" value="[^"]*"/gu, '').replace(/nonce="[^"]*"/gu, '');
}

describe.each(testBackends)('the host’s rules on the desktop pages, on %s', (backend) => {
  let server: TestAuthServer;
  let strict: Host;
  let user: TestUser;
  let enrolment: TotpEnrolment;
  beforeAll(async () => {
    [server, strict] = await Promise.all([
      startAuthServer({ backend }),
      startHost({ backend, auth: { emailAndPassword: { enabled: true, disableSignUp: true }, hooks: { before: refuseBlockedDomain } } }),
    ]);
    user = await server.createUser();
    enrolment = await enrolTotp(server.server.auth.api, user);
  });
  afterAll(async () => Promise.all([server?.close(), strict?.close()]));

  it('asks for the second factor after the password, and a password alone signs nobody in', async () => {
    const browser = new HttpBrowser(server.url);
    const authorize = server.authorizeUrl({});
    const response = await postPageForm(browser, 'sign-in', authorize, { email: user.email, password: user.password });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Code from your authenticator app');
    expect(html).toContain('Use a backup code instead');
    expect(await hasSession(browser)).toBe(false);
    expect(await (await browser.request(new URL(authorize).pathname + new URL(authorize).search)).text()).toContain('Sign in to continue to');
  });

  it('refuses a wrong code with a sentence, then takes the right one', async () => {
    const browser = new HttpBrowser(server.url);
    const authorize = server.authorizeUrl({});
    await postPageForm(browser, 'sign-in', authorize, { email: user.email, password: user.password });
    const wrong = await postPageForm(browser, 'second-factor', authorize, { method: 'totp', code: wrongCode(enrolment.totpURI) });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('That code is not right. Nothing was signed in; try again.');
    expect(await hasSession(browser)).toBe(false);
    const right = await postPageForm(browser, 'second-factor', authorize, { method: 'totp', code: totpCode(enrolment.totpURI) });
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe(new URL(authorize).pathname + new URL(authorize).search);
    expect(await hasSession(browser)).toBe(true);
  });

  it('takes a backup code once', async () => {
    const code = enrolment.backupCodes[0]!;
    const first = new HttpBrowser(server.url);
    await postPageForm(first, 'sign-in', server.authorizeUrl({}), { email: user.email, password: user.password });
    expect((await postPageForm(first, 'second-factor', server.authorizeUrl({}), { method: 'backup', code })).status).toBe(303);
    const second = new HttpBrowser(server.url);
    await postPageForm(second, 'sign-in', server.authorizeUrl({}), { email: user.email, password: user.password });
    const again = await postPageForm(second, 'second-factor', server.authorizeUrl({}), { method: 'backup', code });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('That backup code is not right, or was already used.');
    expect(await hasSession(second)).toBe(false);
  });

  it('answers sign-up of a known email exactly as a new one, and leaves that account as it was', async () => {
    const authorize = server.authorizeUrl({});
    const fresh = `fresh-${Date.now()}@example.test`;
    const created = await postPageForm(new HttpBrowser(server.url), 'sign-up', authorize, { name: 'Fresh', email: fresh, password: 'a long enough password' });
    const known = await postPageForm(new HttpBrowser(server.url), 'sign-up', authorize, { name: 'Someone', email: user.email, password: 'another long password' });
    expect(known.status).toBe(created.status);
    expect(known.headers.getSetCookie()).toEqual(created.headers.getSetCookie());
    expect(pageText(await known.text(), user.email)).toBe(pageText(await created.text(), fresh));
    // The known account keeps its own password.
    expect(await server.server.auth.api.signInEmail({ body: { email: user.email, password: 'another long password' } }).catch(() => 'refused')).toBe('refused');
  });

  it('keeps passwords, second-factor codes and backup codes out of every log line', () => {
    const logged = JSON.stringify(server.logs);
    for (const secret of [user.password, enrolment.backupCodes[0]!, new URL(enrolment.totpURI).searchParams.get('secret')!]) expect(logged).not.toContain(secret);
  });

  it('refuses a domain the host’s own hook refuses, with the host’s sentence', async () => {
    const context = await strict.auth.$context;
    const hash = await context.password.hash('correct horse battery');
    const blocked = await context.internalAdapter.createUser({ email: 'someone@blocked.example', name: 'Blocked', emailVerified: true }, { method: 'email-password' });
    await context.internalAdapter.linkAccount({ userId: blocked.id, providerId: 'credential', accountId: blocked.id, password: hash });
    const browser = new HttpBrowser(strict.url);
    const response = await postPageForm(browser, 'sign-in', strict.authorizeUrl(), { email: 'someone@blocked.example', password: 'correct horse battery' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('Accounts at blocked.example cannot sign in here.');
    expect(await hasSession(browser)).toBe(false);
  });

  it('offers no sign-up when the host turned it off, and a hand-made sign-up post creates no user', async () => {
    const page = await (await fetch(strict.authorizeUrl())).text();
    expect(page).toContain('Sign in to continue to Host App');
    expect(page).not.toContain('Create an account');
    const before = await strict.userCount();
    const forged = await postPageForm(new HttpBrowser(strict.url), 'sign-up', strict.authorizeUrl(), { name: 'Forger', email: 'forger@example.test', password: 'a long enough password' });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toContain('text/html');
    expect(await forged.text()).toContain('Creating accounts is turned off on this server.');
    expect(await strict.userCount()).toBe(before);
  });
});

describe.each(testBackends)('the host’s email and password options on the desktop pages, on %s', (backend) => {
  let verifying: Host;
  let socialOnly: Host;
  beforeAll(async () => {
    [verifying, socialOnly] = await Promise.all([
      startHost({ backend, auth: { emailAndPassword: { enabled: true, requireEmailVerification: true } } }),
      startHost({ backend, auth: { emailAndPassword: { enabled: false }, socialProviders: { github: { clientId: 'github-client', clientSecret: 'github-secret' } } } }),
    ]);
  });
  afterAll(async () => Promise.all([verifying?.close(), socialOnly?.close()]));

  it('honours requireEmailVerification: sign-up says to verify, and an unverified account cannot sign in', async () => {
    const person = { name: 'Vera', email: 'vera@example.test', password: 'a long enough password' };
    const signUp = await postPageForm(new HttpBrowser(verifying.url), 'sign-up', verifying.authorizeUrl(), person);
    expect(signUp.status).toBe(200);
    expect(await signUp.text()).toContain('open the link we sent to verify it, then sign in here.');
    const browser = new HttpBrowser(verifying.url);
    const signIn = await postPageForm(browser, 'sign-in', verifying.authorizeUrl(), { email: person.email, password: person.password });
    expect(signIn.status).toBe(403);
    expect(await signIn.text()).toContain('Verify your email address first');
    expect(await hasSession(browser)).toBe(false);
  });

  it('shows no password form when the host turned passwords off, and refuses a hand-made sign-in post', async () => {
    const page = await (await fetch(socialOnly.authorizeUrl())).text();
    expect(page).toContain('Continue with GitHub');
    expect(page).not.toContain('name="password"');
    const forged = await postPageForm(new HttpBrowser(socialOnly.url), 'sign-in', socialOnly.authorizeUrl(), { email: 'someone@example.test', password: 'a long enough password' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toContain('Signing in with a password is turned off on this server.');
  });
});
