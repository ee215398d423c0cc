import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoff } from '../../src/contract/handoff';
import { pkcePair, startAuthServer, testBackends, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { startHost, type Host } from './host';
import { hiddenField, HttpBrowser, handedBack, signedInBrowser } from './http-flow';

/**
 * OpenID Connect Core 1.0 §3.1.2.1 (prompt, login_hint, max_age) and §3.1.2.6 (their errors), as
 * the authorize page answers them over HTTP. What a page does in a browser is in
 * sign-in-prompt-journeys; here, which page or which error, for each combination.
 */
const loopback = 'http://127.0.0.1:51000/auth/callback';
type Params = Parameters<TestAuthServer['authorizeUrl']>[0];
type Screen = 'sign-in' | 'create-account' | 'choose-account' | 'consent';

const headings: Record<string, Screen> = {
  'Sign in to continue to Latchkey': 'sign-in',
  'Create an account to continue to Latchkey': 'create-account',
  'Choose an account to continue to Latchkey': 'choose-account',
  'Continue to Latchkey?': 'consent',
};

function screenOf(html: string): Screen | string {
  const heading = /<h1>([^<]*)<\/h1>/u.exec(html)?.[1] ?? '(no heading)';
  return headings[heading] ?? heading;
}

function emailValue(html: string): string | null {
  return /<input id="sign-in-email"[^>]* value="([^"]*)"/u.exec(html)?.[1] ?? null;
}

interface World {
  server: TestAuthServer;
  alice: TestUser;
  /** A browser signed in as Alice a moment ago; rows only read with it. */
  signedIn: HttpBrowser;
}

interface ErrorRow {
  rule: string;
  when: string;
  signedIn: boolean;
  params: (world: World) => Params;
  error: string;
}

const errorRows: ErrorRow[] = [
  { rule: 'Core §3.1.2.6', when: 'prompt=none and no one signed in', signedIn: false, params: () => ({ prompt: 'none' }), error: 'login_required' },
  { rule: 'Core §3.1.2.6, RFC 8252 §8.6', when: 'prompt=none and signed in: consent is always asked', signedIn: true, params: () => ({ prompt: 'none' }), error: 'consent_required' },
  { rule: 'Core §3.1.2.6', when: 'prompt=none, signed in as someone other than login_hint', signedIn: true, params: () => ({ prompt: 'none', login_hint: 'someone-else@example.test' }), error: 'login_required' },
  { rule: 'Core §3.1.2.1 max_age', when: 'prompt=none, signed in longer ago than max_age', signedIn: true, params: () => ({ prompt: 'none', max_age: '0' }), error: 'login_required' },
  { rule: 'Core §3.1.2.1', when: 'prompt=none combined with login', signedIn: true, params: () => ({ prompt: 'none login' }), error: 'invalid_request' },
  { rule: 'Core §3.1.2.1', when: 'prompt=none combined with select_account', signedIn: false, params: () => ({ prompt: 'select_account none' }), error: 'invalid_request' },
  { rule: 'Prompt Create §4.1', when: 'a prompt value the server does not support', signedIn: true, params: () => ({ prompt: 'login bogus' }), error: 'invalid_request' },
  { rule: 'Core §3.1.2.1', when: 'max_age that is not a number of seconds', signedIn: true, params: () => ({ max_age: 'soon' }), error: 'invalid_request' },
  { rule: 'Core §3.1.2.1', when: 'a negative max_age', signedIn: true, params: () => ({ max_age: '-1' }), error: 'invalid_request' },
  { rule: 'untrusted input', when: 'a login_hint longer than any email', signedIn: false, params: () => ({ login_hint: `${'a'.repeat(250)}@example.test` }), error: 'invalid_request' },
];

interface ScreenRow {
  rule: string;
  when: string;
  signedIn: boolean;
  params: (world: World) => Params;
  screen: Screen;
  /** The sign-in form's email, filled in before anyone types. */
  email?: (world: World) => string;
  /** A sentence the page says. */
  says?: (world: World) => string;
}

const screenRows: ScreenRow[] = [
  { rule: 'Core §3.1.2.1 login', when: 'prompt=login with a live session', signedIn: true, params: () => ({ prompt: 'login' }), screen: 'sign-in', says: () => 'Latchkey asks you to sign in again.' },
  { rule: 'Core §3.1.2.1 login', when: 'prompt=login with no session', signedIn: false, params: () => ({ prompt: 'login' }), screen: 'sign-in' },
  { rule: 'Core §3.1.2.1 select_account', when: 'prompt=select_account with a live session', signedIn: true, params: () => ({ prompt: 'select_account' }), screen: 'choose-account', says: (w) => `Continue as ${w.alice.name} (${w.alice.email})` },
  { rule: 'Core §3.1.2.1 select_account', when: 'prompt=select_account with no session', signedIn: false, params: () => ({ prompt: 'select_account' }), screen: 'sign-in' },
  { rule: 'Core §3.1.2.1 consent', when: 'prompt=consent', signedIn: true, params: () => ({ prompt: 'consent' }), screen: 'consent' },
  { rule: 'Prompt Create §4', when: 'prompt=create with no session', signedIn: false, params: () => ({ prompt: 'create' }), screen: 'create-account' },
  { rule: 'Core §3.1.2.1 login_hint', when: 'login_hint with no session', signedIn: false, params: () => ({ login_hint: 'hinted@example.test' }), screen: 'sign-in', email: () => 'hinted@example.test' },
  { rule: 'Core §3.1.2.1 login_hint', when: 'login_hint naming the signed-in account (in capitals)', signedIn: true, params: (w) => ({ login_hint: w.alice.email.toUpperCase() }), screen: 'consent' },
  {
    rule: 'Core §3.1.2.1 login_hint',
    when: 'login_hint naming another account than the signed-in one',
    signedIn: true,
    params: () => ({ login_hint: 'bob@example.test' }),
    screen: 'choose-account',
    says: (w) => `Latchkey asked for bob@example.test, and this browser is signed in as ${w.alice.email}.`,
  },
  { rule: 'Core §3.1.2.1 login_hint', when: 'a login_hint that is not an email (ignored)', signedIn: false, params: () => ({ login_hint: '+44 20 7946 0000' }), screen: 'sign-in', email: () => '' },
  { rule: 'Core §3.1.2.1 max_age', when: 'max_age the sign-in is within', signedIn: true, params: () => ({ max_age: '3600' }), screen: 'consent' },
  { rule: 'Core §3.1.2.1 max_age', when: 'max_age the sign-in is past', signedIn: true, params: () => ({ max_age: '0' }), screen: 'sign-in', says: () => 'Latchkey asks you to sign in again.' },
  { rule: 'Core §3.1.2.1', when: 'prompt=login with a forged fresh sign-in stamp', signedIn: true, params: () => ({ prompt: 'login', fresh_after: `${Date.now() - 60_000}.${'A'.repeat(43)}` } as Params), screen: 'sign-in' },
];

/** Signs in on the plugin's own form for an authorize address, then follows the return address. */
async function signInOnForm(browser: HttpBrowser, page: string, user: TestUser): Promise<Response> {
  const signIn = await browser.request(`${handoff.authBasePath}/desktop/sign-in`, {
    method: 'POST',
    form: { authorize_query: hiddenField(page, 'authorize_query'), email: user.email, password: user.password },
  });
  expect(signIn.status).toBe(303);
  return browser.request(signIn.headers.get('location')!);
}

async function approve(browser: HttpBrowser, page: string): Promise<Response> {
  return browser.request(`${handoff.authBasePath}/desktop/decide`, {
    method: 'POST',
    form: { authorize_query: hiddenField(page, 'authorize_query'), csrf: hiddenField(page, 'csrf'), decision: 'approve' },
  });
}

async function sessionFor(server: TestAuthServer, cookie: string): Promise<unknown> {
  return server.server.auth.api.getSession({ headers: new Headers({ cookie }) });
}

describe.each(testBackends)('what the authorize page asks of the sign-in, on %s', (backend) => {
  const world = {} as World;
  beforeAll(async () => {
    world.server = await startAuthServer({ backend });
    world.alice = await world.server.createUser({ name: 'Alice Example' });
    world.signedIn = await signedInBrowser(world.server, world.alice);
  });
  afterAll(async () => world.server?.close());

  const open = (browser: HttpBrowser, params: Params) => browser.request(world.server.authorizeUrl(params));

  it.each(errorRows.map((row) => [`${row.when}: ${row.error} (${row.rule})`, row] as const))('%s', async (_name, row) => {
    const browser = row.signedIn ? world.signedIn : new HttpBrowser(world.server.url);
    const response = await open(browser, { redirect_uri: loopback, state: 'row-state', ...row.params(world) });
    expect(response.status).toBe(303);
    const callback = new URL(response.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(loopback);
    expect(callback.searchParams.get('error')).toBe(row.error);
    expect(callback.searchParams.get('state')).toBe('row-state');
    expect(callback.searchParams.get('iss')).toBe(world.server.url);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it.each(screenRows.map((row) => [`${row.when}: the ${row.screen} page (${row.rule})`, row] as const))('%s', async (_name, row) => {
    const browser = row.signedIn ? world.signedIn : new HttpBrowser(world.server.url);
    const response = await open(browser, row.params(world));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(screenOf(html)).toBe(row.screen);
    if (row.email) expect(emailValue(html)).toBe(row.email(world));
    if (row.says) expect(html).toContain(row.says(world));
  });

  it('prompt=none to a custom scheme: the hand-back page carries login_required and asks nothing', async () => {
    const response = await open(new HttpBrowser(world.server.url), { prompt: 'none', state: 'scheme-state' });
    expect(response.status).toBe(200);
    const html = await response.clone().text();
    expect(screenOf(html)).toBe('Signing in needs you');
    expect(html).not.toContain('<form');
    const callback = new URL(await handedBack(response));
    expect(Object.fromEntries(callback.searchParams)).toEqual({ error: 'login_required', error_description: 'no one is signed in', state: 'scheme-state', iss: world.server.url });
  });

  it('a prompt given twice is invalid_request, not whichever one a parser keeps (RFC 6749 §3.1)', async () => {
    const url = `${world.server.authorizeUrl({ redirect_uri: loopback, prompt: 'select_account' })}&prompt=none`;
    const response = await world.signedIn.request(url);
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!).searchParams.get('error')).toBe('invalid_request');
  });

  it('prompt=none with a client it does not know gets the error page, never a redirect (RFC 6749 §4.1.2.1)', async () => {
    const response = await open(new HttpBrowser(world.server.url), { client_id: 'someone-else', prompt: 'none', redirect_uri: loopback });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('prompt=login: the code comes from the fresh sign-in, and the session it replaced is ended', async () => {
    const browser = await signedInBrowser(world.server, world.alice);
    const before = browser.cookieHeader();
    const { verifier, challenge } = pkcePair();
    const page = await (await open(browser, { prompt: 'login', code_challenge: challenge, redirect_uri: loopback })).text();
    expect(screenOf(page)).toBe('sign-in');
    const consent = await signInOnForm(browser, page, world.alice);
    const consentPage = await consent.text();
    expect(screenOf(consentPage)).toBe('consent');
    const callback = new URL(await handedBack(await approve(browser, consentPage)));
    const token = await world.server.exchange({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: verifier, redirect_uri: loopback, client_id: handoff.defaultClientId });
    expect(token.body.user).toMatchObject({ email: world.alice.email });
    expect(await sessionFor(world.server, before)).toBeNull();
    expect(await sessionFor(world.server, browser.cookieHeader())).not.toBeNull();
  });

  it('prompt=login: an approval posted without signing in again issues no code and goes back to the sign-in', async () => {
    const browser = await signedInBrowser(world.server, world.alice);
    // A consent form of an ordinary request gives the session's form token.
    const consent = await (await open(browser, {})).text();
    const replayed = new URL(world.server.authorizeUrl({ prompt: 'login', redirect_uri: loopback }));
    const decide = await browser.request(`${handoff.authBasePath}/desktop/decide`, {
      method: 'POST',
      form: { authorize_query: replayed.searchParams.toString(), csrf: hiddenField(consent, 'csrf'), decision: 'approve' },
    });
    expect(decide.status).toBe(303);
    const back = new URL(decide.headers.get('location')!, world.server.url);
    expect(back.pathname).toBe(handoff.authorizePath);
    expect(screenOf(await (await browser.request(back.toString())).text())).toBe('sign-in');
  });

  it('a fresh sign-in stamp works only for the request it was made for', async () => {
    const browser = await signedInBrowser(world.server, world.alice);
    const first = await (await open(browser, { prompt: 'login', state: 'first' })).text();
    const stamp = new URLSearchParams(hiddenField(first, 'authorize_query')).get('fresh_after');
    expect(stamp).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/u);
    await signInOnForm(browser, first, world.alice);
    // The session is now newer than the stamp, but the stamp belongs to the request with state=first.
    const other = await open(browser, { prompt: 'login', state: 'second', fresh_after: stamp } as Params);
    expect(screenOf(await other.text())).toBe('sign-in');
  });

  it('max_age=0: signing in again satisfies it, and the consent that follows approves', async () => {
    const browser = await signedInBrowser(world.server, world.alice);
    const page = await (await open(browser, { max_age: '0', redirect_uri: loopback })).text();
    expect(screenOf(page)).toBe('sign-in');
    const consent = await (await signInOnForm(browser, page, world.alice)).text();
    expect(screenOf(consent)).toBe('consent');
    expect(new URL(await handedBack(await approve(browser, consent))).searchParams.get('code')).toMatch(/^[A-Za-z0-9]{43}$/u);
  });

  it('prompt=select_account: "Continue as" approves for the signed-in account', async () => {
    const { verifier, challenge } = pkcePair();
    const chooser = await (await open(world.signedIn, { prompt: 'select_account', code_challenge: challenge, redirect_uri: loopback })).text();
    expect(screenOf(chooser)).toBe('choose-account');
    const callback = new URL(await handedBack(await approve(world.signedIn, chooser)));
    const token = await world.server.exchange({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: verifier, redirect_uri: loopback, client_id: handoff.defaultClientId });
    expect(token.body.user).toMatchObject({ email: world.alice.email });
  });

  it('prompt=select_account: "Use another account" signs out, and the other person signing in goes straight to consent', async () => {
    const browser = await signedInBrowser(world.server, world.alice);
    const bob = await world.server.createUser({ name: 'Bob Example' });
    const { verifier, challenge } = pkcePair();
    const chooser = await (await open(browser, { prompt: 'select_account', code_challenge: challenge, redirect_uri: loopback })).text();
    expect(screenOf(chooser)).toBe('choose-account');
    const switched = await browser.request(`${handoff.authBasePath}/desktop/switch-account`, {
      method: 'POST',
      form: { authorize_query: hiddenField(chooser, 'authorize_query'), csrf: hiddenField(chooser, 'csrf') },
    });
    expect(switched.status).toBe(303);
    const signIn = await (await browser.request(switched.headers.get('location')!)).text();
    expect(screenOf(signIn)).toBe('sign-in');
    const consent = await (await signInOnForm(browser, signIn, bob)).text();
    expect(screenOf(consent)).toBe('consent');
    expect(consent).toContain(`Continue to Latchkey as ${bob.email}`);
    const callback = new URL(await handedBack(await approve(browser, consent)));
    const token = await world.server.exchange({ grant_type: 'authorization_code', code: callback.searchParams.get('code')!, code_verifier: verifier, redirect_uri: loopback, client_id: handoff.defaultClientId });
    expect(token.body.user).toMatchObject({ email: bob.email });
  });

  it('login_hint is text, never markup, and leaves the page policy as tight as ever', async () => {
    const plain = await open(new HttpBrowser(world.server.url), {});
    const hinted = await open(new HttpBrowser(world.server.url), { login_hint: 'x"><b>@example.test' });
    const html = await hinted.text();
    expect(emailValue(html)).toBe('x&#34;&#62;&#60;b&#62;@example.test');
    expect(html).not.toContain('<b>@');
    const policy = (response: Response) => response.headers.get('content-security-policy')!.replace(/'nonce-[^']+'/u, "'nonce'");
    expect(policy(hinted)).toBe(policy(plain));
  });
});

describe.each(testBackends)('a host with its own sign-in page, on %s', (backend) => {
  let host: Host;
  const person = { email: 'owner@host.example', password: 'correct horse battery', name: 'Owner' };
  beforeAll(async () => {
    host = await startHost({ backend, handoff: { signInPage: '/sign-in' }, routes: { '/sign-in': (_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('the host page') } });
    await host.auth.api.signUpEmail({ body: person });
  });
  afterAll(async () => host?.close());

  /** The host's page signing in, as its own script would: BetterAuth's JSON endpoint. */
  const signInAtHost = async (browser: HttpBrowser) => {
    const answer = await browser.request('/api/auth/sign-in/email', { method: 'POST', headers: { 'content-type': 'application/json', origin: host.url }, body: JSON.stringify({ email: person.email, password: person.password }) });
    expect(answer.status).toBe(200);
  };

  it('prompt=login: the host page is told, and a return without a fresh sign-in is answered login_required', async () => {
    const browser = new HttpBrowser(host.url);
    await signInAtHost(browser);
    const sent = await browser.request(host.authorizeUrl({ prompt: 'login', login_hint: person.email, redirect_uri: loopback, state: 'host-state' }));
    expect(sent.status).toBe(303);
    const hostPage = new URL(sent.headers.get('location')!, host.url);
    expect(hostPage.pathname).toBe('/sign-in');
    expect(hostPage.searchParams.get('prompt')).toBe('login');
    expect(hostPage.searchParams.get('login_hint')).toBe(person.email);
    const returnAddress = hostPage.searchParams.get('callbackURL')!;

    // The host page let the old session through.
    const stale = await browser.request(returnAddress);
    expect(stale.status).toBe(303);
    const callback = new URL(stale.headers.get('location')!);
    expect(Object.fromEntries(callback.searchParams)).toMatchObject({ error: 'login_required', state: 'host-state', iss: host.url });

    // The host page signed in again: the same address now reaches the consent screen.
    await signInAtHost(browser);
    const fresh = await browser.request(returnAddress);
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain('Continue to Host App as owner@host.example');
  });
});
