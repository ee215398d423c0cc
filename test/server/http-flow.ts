import { handoff } from '../../src/contract/handoff';
import { pkcePair, schemeRedirect, type TestAuthServer, type TestUser } from '../harness/auth-server';

/** A cookie-keeping browser stand-in for HTTP-level tests of the pages. */
export class HttpBrowser {
  private cookies = new Map<string, string>();
  /** Where requests go: the origin itself, or one instance behind it (a load balancer's choice). */
  address: string;
  constructor(private readonly origin: string) {
    this.address = origin;
  }

  /** The Cookie header this browser sends: to ask the server about a session it has since replaced. */
  cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(path: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '));
    let body = init.body;
    if (init.form) {
      headers.set('content-type', 'application/x-www-form-urlencoded');
      if (!headers.has('origin')) headers.set('origin', this.origin);
      if (!headers.has('sec-fetch-site')) headers.set('sec-fetch-site', 'same-origin');
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(new URL(path, this.address), { ...init, headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const equals = pair!.indexOf('=');
      const name = pair!.slice(0, equals);
      const value = pair!.slice(equals + 1);
      if (value === '' || /max-age=0/iu.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }
}

export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]*)"`, 'u').exec(html);
  if (!match) throw new Error(`no hidden field ${name}`);
  return match[1]!.replaceAll('&#38;', '&').replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&#60;', '<').replaceAll('&#62;', '>');
}

/** The callback URL a response hands back: a 303's Location, or the hand-back page's link. */
export async function handedBack(response: Response): Promise<string> {
  if (response.status === 303) return response.headers.get('location')!;
  const html = await response.text();
  const match = /<a class="button primary" href="([^"]*)">Return to/u.exec(html);
  if (!match) throw new Error(`no hand-back in a ${response.status} answer`);
  return match[1]!.replaceAll('&#38;', '&');
}

export interface Approval {
  browser: HttpBrowser;
  user: TestUser;
  verifier: string;
  challenge: string;
  state: string;
  redirectUri: string;
  callback: URL;
  code: string;
}

/** A browser stand-in signed in to the server as the user, through the page's own form. */
export async function signedInBrowser(server: TestAuthServer, user: TestUser): Promise<HttpBrowser> {
  const browser = new HttpBrowser(server.url);
  const authorize = new URL(server.authorizeUrl({}));
  const signIn = await browser.request(`${handoff.authBasePath}/desktop/sign-in`, {
    method: 'POST',
    form: { authorize_query: authorize.searchParams.toString(), email: user.email, password: user.password },
  });
  if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);
  return browser;
}

/**
 * Opens the consent screen and approves: the whole page flow, minus Chromium. Pass a signed-in
 * browser to skip the password check (it is slow on purpose), or a user to sign in first.
 */
export async function approveOverHttp(
  server: TestAuthServer,
  options: { redirectUri?: string; as: { browser: HttpBrowser; user: TestUser } | TestUser },
): Promise<Approval> {
  const { browser, user } = 'browser' in options.as ? options.as : { browser: await signedInBrowser(server, options.as), user: options.as };
  const { verifier, challenge } = pkcePair();
  const redirectUri = options.redirectUri ?? schemeRedirect;
  const authorize = new URL(server.authorizeUrl({ code_challenge: challenge, redirect_uri: redirectUri }));
  const state = authorize.searchParams.get('state')!;
  const consent = await (await browser.request(authorize.pathname + authorize.search)).text();
  const decide = await browser.request(`${handoff.authBasePath}/desktop/decide`, {
    method: 'POST',
    form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' },
  });
  const callback = new URL(await handedBack(decide));
  return { browser, user, verifier, challenge, state, redirectUri, callback, code: callback.searchParams.get('code') ?? '' };
}

/** Posts a page form (sign-in, sign-up, second factor) for an authorize URL, as the page would. */
export async function postPageForm(browser: HttpBrowser, form: 'sign-in' | 'sign-up' | 'second-factor', authorizeUrl: string, fields: Record<string, string>): Promise<Response> {
  const authorize = new URL(authorizeUrl);
  return browser.request(`${handoff.authBasePath}/desktop/${form}`, { method: 'POST', form: { authorize_query: authorize.searchParams.toString(), ...fields } });
}

/** Whether the browser stand-in holds a session BetterAuth accepts. */
export async function hasSession(browser: HttpBrowser): Promise<boolean> {
  return (await (await browser.request(handoff.sessionPath)).json()) !== null;
}
