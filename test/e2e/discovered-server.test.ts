import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { toNodeHandler } from 'better-auth/node';
import { bearer } from 'better-auth/plugins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktopHandoff, defaultClients } from '../../src/server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { Machine, openLinkFromBrowser } from '../harness/journey';

/**
 * A host that mounts BetterAuth at /identity and the authorize page at /sso/desktop/authorize.
 * The app is given only the origin: every path comes from the metadata the host routes at
 * /.well-known/oauth-authorization-server.
 */
const dir = mkdtempSync(join(tmpdir(), 'latchkey-discovered-'));
let http: Server;
let origin: string;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
const requested: string[] = [];
const person = { email: 'moved@example.test', password: 'correct horse battery', name: 'Mo Ved' };

beforeAll(async () => {
  http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as { port: number }).port}`;
  const auth = betterAuth({
    baseURL: origin,
    basePath: '/identity',
    secret: 'moved-host-secret-of-at-least-thirty-two-characters',
    database: new DatabaseSync(join(dir, 'moved.sqlite')),
    emailAndPassword: { enabled: true },
    plugins: [bearer(), desktopHandoff({ clients: defaultClients(), authorizePagePath: '/sso/desktop/authorize' })],
  });
  await (await getMigrations(auth.options)).runMigrations();
  await auth.api.signUpEmail({ body: person });
  const handler = toNodeHandler(auth);
  http.on('request', (request, response) => {
    requested.push((request.url ?? '').split('?')[0]!);
    // The two routes this host adds on its origin, as docs/integrate.md shows.
    if (request.url?.startsWith('/sso/desktop/authorize')) request.url = `/identity/desktop/authorize${request.url.slice('/sso/desktop/authorize'.length)}`;
    if (request.url === '/.well-known/oauth-authorization-server') request.url = `/identity${request.url}`;
    void handler(request, response);
  });
  [systemBrowser, popoverBrowser] = await Promise.all([launchChromium(), launchChromium()]);
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close()]);
  await new Promise((resolve) => http?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('Latchkey given only the origin of a host with its own paths', () => {
  it('discovers the endpoints, signs in and signs out there', async () => {
    const machine = new Machine(origin, systemBrowser, popoverBrowser);
    try {
      const app = await machine.start({ serverOrigin: origin });
      await machine.popover().getByRole('button', { name: 'Sign in with browser' }).click();
      const authorize = new URL(await machine.nextOpened(1));
      expect(authorize.origin + authorize.pathname).toBe(`${origin}/sso/desktop/authorize`);
      const callback = await machine.approveInBrowser(authorize.href, { ...person, id: '' });
      expect(new URL(callback).searchParams.get('iss')).toBe(origin);
      await openLinkFromBrowser(app, callback);
      await machine.popover().getByText(person.email).waitFor();
      const token = app.app.account.token!;
      await machine.popover().getByRole('button', { name: 'Sign out' }).click();
      await machine.popover().getByRole('button', { name: 'Sign in with browser' }).waitFor();
      const check = await fetch(`${origin}/identity/get-session`, { headers: { authorization: `Bearer ${token}` } });
      expect(await check.json()).toBeNull();
      expect(requested).toEqual(expect.arrayContaining(['/.well-known/oauth-authorization-server', '/identity/desktop/token', '/identity/desktop/revoke']));
      expect(requested.filter((path) => path.startsWith('/api/'))).toEqual([]);
    } finally {
      await machine.dispose();
    }
  });
});
