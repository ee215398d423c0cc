import { handoff } from '../../contract/handoff';
import { backToAccount } from './account-html';
import { codeScreen, enrolmentScreen, overviewScreen, signedOutScreen } from './account-screens';

type Handler = (request: Request) => Promise<Response>;

interface AuthAnswer {
  status: number;
  body: Record<string, unknown> | null;
  cookies: string[];
}

const sentences: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'That email and password do not match an account. Check both and try again.',
  INVALID_PASSWORD: 'That password is not right. Type it again.',
  INVALID_CODE: 'That code is not right. Try again.',
  INVALID_BACKUP_CODE: 'That backup code is not right, or was already used.',
  EMAIL_NOT_VERIFIED: 'Verify your email address first, then sign in.',
};

function sentence(answer: AuthAnswer): string {
  if (answer.status === 429) return 'Too many attempts from here. Wait a minute, then try again.';
  const code = typeof answer.body?.code === 'string' ? answer.body.code : '';
  return sentences[code] ?? 'That did not work. Try again.';
}

/** A form post from this origin's own page (Fetch Metadata and Origin, when the browser sends them). */
function sameOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  return (site === null || site === 'same-origin') && (origin === null || origin === new URL(request.url).origin);
}

/**
 * The reference server's account page, at `/account`: sign in, and turn TOTP on or off. Every
 * step is a request to BetterAuth's own HTTP endpoints (sign-in, twoFactor's enable, verify and
 * disable), through the same handler the browser would reach, so its rate limits, origin checks
 * and hooks apply; this page only turns their JSON into pages and passes their cookies on.
 */
export function accountRoutes(handler: Handler): (request: Request) => Promise<Response> {
  async function callAuth(browser: Request, path: string, body?: Record<string, unknown>): Promise<AuthAnswer> {
    const headers = new Headers({ 'content-type': 'application/json' });
    for (const name of ['cookie', 'origin', 'x-forwarded-for', 'user-agent']) {
      const value = browser.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    const target = new URL(`${handoff.authBasePath}${path}`, browser.url);
    const response = await handler(new Request(target, body ? { method: 'POST', headers, body: JSON.stringify(body) } : { headers }));
    const parsed: unknown = await response.json().catch(() => null);
    const record = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
    return { status: response.status, body: record, cookies: response.headers.getSetCookie() };
  }

  async function overview(request: Request, outcome: { error?: string; status?: number } = {}): Promise<Response> {
    const session = (await callAuth(request, '/get-session')).body as { user?: { email: string; twoFactorEnabled?: boolean | null } } | null;
    if (!session?.user) return signedOutScreen(outcome.error, outcome.status);
    return overviewScreen({ email: session.user.email, twoFactor: session.user.twoFactorEnabled === true, ...outcome });
  }

  return async (request) => {
    const { pathname } = new URL(request.url);
    if (request.method === 'GET' && pathname === '/account') return overview(request);
    if (request.method !== 'POST') return signedOutScreen('There is nothing at this address. Sign in to manage your account.', 404);
    if (!sameOrigin(request)) return signedOutScreen('This form did not come from this page, so it was ignored.', 403);
    const form = new URLSearchParams(await request.text());
    const field = (name: string, max = 1024) => (form.get(name) ?? '').slice(0, max);
    switch (pathname) {
      case '/account/sign-in': {
        const answer = await callAuth(request, '/sign-in/email', { email: field('email', 254).trim(), password: field('password') });
        if (answer.status === 200 && answer.body?.twoFactorRedirect === true) return codeScreen(undefined, 200, answer.cookies);
        if (answer.status === 200) return backToAccount(answer.cookies);
        return signedOutScreen(sentence(answer), answer.status === 429 ? 429 : 401, answer.cookies, field('email', 254).trim());
      }
      case '/account/second-factor': {
        const path = field('method') === 'backup' ? '/two-factor/verify-backup-code' : '/two-factor/verify-totp';
        const answer = await callAuth(request, path, { code: field('code', 64).replace(/\s/gu, '') });
        if (answer.status === 200) return backToAccount(answer.cookies);
        if (answer.body?.code === 'INVALID_CODE' || answer.body?.code === 'INVALID_BACKUP_CODE') return codeScreen(sentence(answer), 401, answer.cookies);
        return signedOutScreen('This sign-in ran out of time or attempts. Sign in again.', 401, answer.cookies);
      }
      case '/account/enable': {
        const answer = await callAuth(request, '/two-factor/enable', { password: field('password') });
        const { totpURI, backupCodes } = answer.body ?? {};
        if (answer.status === 200 && typeof totpURI === 'string' && Array.isArray(backupCodes)) return enrolmentScreen(totpURI, backupCodes.map(String), answer.cookies);
        return overview(request, { error: sentence(answer), status: answer.status === 429 ? 429 : 400 });
      }
      case '/account/confirm': {
        const answer = await callAuth(request, '/two-factor/verify-totp', { code: field('code', 64).replace(/\s/gu, '') });
        if (answer.status === 200) return backToAccount(answer.cookies);
        return overview(request, { error: 'That code is not right. Turn two-factor authentication on again for a new QR code.', status: 400 });
      }
      case '/account/disable': {
        const answer = await callAuth(request, '/two-factor/disable', { password: field('password') });
        if (answer.status === 200) return backToAccount(answer.cookies);
        return overview(request, { error: sentence(answer), status: answer.status === 429 ? 429 : 400 });
      }
      case '/account/sign-out':
        return backToAccount((await callAuth(request, '/sign-out', {})).cookies);
      default:
        return signedOutScreen('There is nothing at this address. Sign in to manage your account.', 404);
    }
  };
}
