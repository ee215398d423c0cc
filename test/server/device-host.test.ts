import { DatabaseSync } from 'node:sqlite';
import { desktopDeviceOptions, desktopHandoff, formatUserCode, normalizeUserCode, userCodeAlphabet } from '@latchkey/desktop-handoff';
import { desktopHandoffClient } from '@latchkey/desktop-handoff/client';
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { APIError, createAuthMiddleware } from 'better-auth/api';
import { getMigrations } from 'better-auth/db/migration';
import { deviceAuthorization } from 'better-auth/plugins';
import { describe, expect, it } from 'vitest';

const clients = [{ clientId: 'my-app', name: 'My App', redirectUris: ['com.example.app:/oauth'] }];
const origin = 'http://localhost:3000';

/** Someone else's BetterAuth with the plugin, called in-process; with or without device sign-in. */
async function host(options: { device: boolean; signInPage?: string; hooks?: BetterAuthOptions['hooks'] }) {
  const auth = betterAuth({
    ...(options.hooks ? { hooks: options.hooks } : {}),
    baseURL: origin,
    secret: 'a-secret-of-at-least-thirty-two-characters',
    database: new DatabaseSync(':memory:'),
    emailAndPassword: { enabled: true },
    plugins: [
      desktopHandoff({ clients, ...(options.signInPage ? { signInPage: options.signInPage } : {}) }),
      ...(options.device ? [deviceAuthorization(desktopDeviceOptions({ clients }))] : []),
    ],
  });
  await (await getMigrations(auth.options)).runMigrations();
  return auth;
}

async function userCodeFrom(auth: Awaited<ReturnType<typeof host>>): Promise<string> {
  const response = await auth.handler(new Request(`${origin}/api/auth/device/code`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'my-app' }) }));
  return ((await response.json()) as { user_code: string }).user_code;
}

describe('the device page in a host', () => {
  it('sends a signed-out browser to the host’s own sign-in page, with the device page as the way back', async () => {
    const auth = await host({ device: true, signInPage: '/login' });
    const userCode = await userCodeFrom(auth);
    const response = await auth.handler(new Request(`${origin}/api/auth/desktop/device?user_code=${userCode}`));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, origin);
    const back = location.searchParams.get('callbackURL');
    expect([location.pathname, back]).toEqual(['/login', `/device?user_code=${userCode}`]);
    // The host's page, through the client plugin, follows that address and no other.
    const { returnAddress } = desktopHandoffClient().getActions().desktopHandoff;
    expect(returnAddress(location.search)).toBe(back);
    expect(returnAddress(`?callbackURL=${encodeURIComponent('/devices?user_code=X')}`)).toBeNull();
    expect(returnAddress(`?callbackURL=${encodeURIComponent('//evil.example/device?user_code=X')}`)).toBeNull();
  });

  it('says so in a sentence when the host does not run deviceAuthorization', async () => {
    const auth = await host({ device: false });
    const response = await auth.handler(new Request(`${origin}/api/auth/desktop/device?user_code=CDFHJKMN`));
    expect([response.status, response.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
    expect(await response.text()).toContain('This server does not offer signing in with another device.');
  });

  it('approves through BetterAuth’s own endpoint, so a host’s hook can refuse it in its own words', async () => {
    const pause = createAuthMiddleware(async (ctx) => {
      if (ctx.path === '/device/approve') throw new APIError('FORBIDDEN', { message: 'Approvals are paused for maintenance.' });
    });
    const auth = await host({ device: true, hooks: { before: pause } });
    const userCode = await userCodeFrom(auth);
    const person = { name: 'Ada', email: 'ada@host.test', password: 'correct horse battery' };
    const signUp = await auth.api.signUpEmail({ body: person, returnHeaders: true });
    const cookie = signUp.headers.getSetCookie().map((line) => line.split(';')[0]).join('; ');
    const confirm = await (await auth.handler(new Request(`${origin}/api/auth/desktop/device?user_code=${userCode}`, { headers: { cookie } }))).text();
    const csrf = /name="csrf" value="([^"]*)"/u.exec(confirm)![1]!;
    const decided = await auth.handler(
      new Request(`${origin}/api/auth/desktop/device/decide`, {
        method: 'POST',
        headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user_code: userCode, csrf, decision: 'approve' }).toString(),
      }),
    );
    expect([decided.status, await decided.text()]).toEqual([403, expect.stringContaining('Approvals are paused for maintenance.')]);
  });

  it('refuses a device page path off the host’s origin', () => {
    expect(() => desktopHandoff({ clients, devicePagePath: 'https://evil.example/device' })).toThrow('devicePagePath must be a path');
  });
});

describe('user codes', () => {
  it.each([
    ['CDFH-JKMN', 'CDFHJKMN'],
    ['cdfh-jkmn', 'CDFHJKMN'],
    [' cdfh jkmn ', 'CDFHJKMN'],
    ['CDFH–JKMN', 'CDFHJKMN'],
    ['CDFH—JKMN', 'CDFHJKMN'],
    ['c d f h\tj k m n', 'CDFHJKMN'],
  ])('reads %j as %s', (typed, code) => {
    expect(normalizeUserCode(typed)).toBe(code);
  });

  it.each([[''], ['---'], ['<script>'], ['CDFH.JKMN'], ['C'.repeat(65)], [42], [null]])('refuses %j', (typed) => {
    expect(normalizeUserCode(typed)).toBeNull();
  });

  it('groups a code for reading', () => {
    expect(formatUserCode('CDFHJKMN')).toBe('CDFH-JKMN');
  });

  it('has no look-alike characters in its alphabet', () => {
    expect(userCodeAlphabet).not.toMatch(/[0O1IL8B6GUVQSZAEIOU7]/u);
  });
});
