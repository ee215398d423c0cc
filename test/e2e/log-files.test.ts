import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { Machine, openLinkFromBrowser } from '../harness/journey';

let server: TestAuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
let user: TestUser;
let machine: Machine;

beforeAll(async () => {
  [server, systemBrowser, popoverBrowser] = await Promise.all([startAuthServer(), launchChromium(), launchChromium()]);
  user = await server.createUser({ name: 'Ada Lovelace' });
});
afterAll(async () => {
  await machine?.dispose();
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), server?.close()]);
});

describe('the log files', () => {
  it('record a sign-in journey without its token, its code or its state, and Settings opens their folder', async () => {
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start();
    const popover = machine.popover();
    await popover.getByRole('button', { name: 'Sign in with browser' }).click();
    const callback = await machine.approveInBrowser(await machine.nextOpened(1), user);
    const { code, state } = Object.fromEntries(new URL(callback).searchParams) as { code: string; state: string };
    // A forged link first: it is refused, and the refusal is logged.
    const forgedCode = 'Fk9aL2mQ7xR4tZ8bN1cV6wE3yH5jU0pS2dG7kM9qW4e';
    await openLinkFromBrowser(app, `dev.latchkey.app.dev:/auth/callback?code=${forgedCode}&state=nope`);
    await app.logged('A sign-in callback was ignored', { reason: 'no iss from a server that sends one' });
    await popover.getByRole('button', { name: 'Paste a code' }).click();
    await popover.getByLabel('Sign-in code from your browser').fill(code);
    await popover.getByRole('button', { name: 'Continue' }).click();
    await popover.getByText(user.email).waitFor();
    const token = app.app.account.token!;

    const folder = app.double.app.getPath('logs');
    const text = readdirSync(folder).map((name) => readFileSync(join(folder, name), 'utf8')).join('');
    const messages = text.trim().split('\n').map((line) => (JSON.parse(line) as { message: string }).message);
    expect(messages).toEqual(expect.arrayContaining(['Sign-in started', 'A sign-in callback was ignored', 'Code exchange finished']));
    for (const [name, secret] of Object.entries({ token, code, state, forgedCode })) {
      expect(text.includes(secret), `the ${name} is not in the log files`).toBe(false);
    }
    expect(machine.filesContaining(token), 'nor anywhere else on disk').toEqual([]);

    await popover.getByText('Settings').click();
    await popover.getByRole('button', { name: 'Open logs folder' }).click();
    await expect.poll(() => app.double.openedPaths).toEqual([folder]);
  });
});
