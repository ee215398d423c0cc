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
import { desktopHandoff } from '@latchkey/desktop-handoff';
import { launchChromium, type Chromium } from '../harness/chromium';
import { Machine, openLinkFromBrowser } from '../harness/journey';

/**
 * A developer's own BetterAuth server with the plugin added as a library, as docs/integrate.md
 * shows it: another client id, other schemes, another port, and the app configured to match.
 */
const dir = mkdtempSync(join(tmpdir(), 'latchkey-own-server-'));
let http: Server;
let origin: string;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
const person = { email: 'owner@acme.test', password: 'correct horse battery', name: 'Ada Acme' };

beforeAll(async () => {
  http = createServer();
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  const auth = betterAuth({
    baseURL: origin,
    secret: 'acme-secret-of-at-least-thirty-two-characters',
    database: new DatabaseSync(join(dir, 'acme.sqlite')),
    emailAndPassword: { enabled: true },
    plugins: [
      bearer(),
      desktopHandoff({
        clients: [
          { clientId: 'acme-desk', name: 'Acme Desk', redirectUris: ['com.acme.desk:/auth/callback', 'com.acme.desk.dev:/auth/callback', 'http://127.0.0.1/auth/callback'] },
        ],
      }),
    ],
  });
  await (await getMigrations(auth.options)).runMigrations();
  await auth.api.signUpEmail({ body: person });
  const handler = toNodeHandler(auth);
  http.on('request', (request, response) => {
    // The one route a host adds: the app opens {origin}/desktop/authorize.
    if (request.url?.startsWith('/desktop/authorize')) request.url = `/api/auth${request.url}`;
    void handler(request, response);
  });
  [systemBrowser, popoverBrowser] = await Promise.all([launchChromium(), launchChromium()]);
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close()]);
  await new Promise((resolve) => http?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('Latchkey against your own BetterAuth server', () => {
  it('signs in end to end with the app configured for it', async () => {
    const machine = new Machine(origin, systemBrowser, popoverBrowser);
    try {
      const app = await machine.start({
        serverOrigin: origin,
        config: { productName: 'Acme Desk', appId: 'com.acme.desk', scheme: 'com.acme.desk', developmentScheme: 'com.acme.desk.dev', clientId: 'acme-desk', serverUrl: origin },
      });
      await machine.popover().getByRole('button', { name: 'Sign in with browser' }).click();
      const authorize = await machine.nextOpened(1);
      expect(new URL(authorize).searchParams.get('client_id')).toBe('acme-desk');
      const callback = await machine.approveInBrowser(authorize, { ...person, id: '' });
      expect(callback.startsWith('com.acme.desk.dev:/auth/callback?')).toBe(true);
      await openLinkFromBrowser(app, callback);
      await machine.popover().getByText(person.email).waitFor();
      expect(app.double.tray.tooltip).toBe(`Acme Desk: Signed in as ${person.name}.`);
      expect(app.programsRun).toContainEqual(['xdg-mime', 'default', expect.stringContaining('com.acme.desk.dev'), 'x-scheme-handler/com.acme.desk.dev']);
    } finally {
      await machine.dispose();
    }
  });
});
