import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { eventChannel } from '../../src/contract/channels';
import type { AccountView } from '../../src/contract/view';
import { OtherServerError } from '../../src/core/session/authenticated-fetch';
import type { Harness } from './app';
import { startAuthServer, type TestAuthServer, type TestUser } from './auth-server';
import { launchChromium, type Chromium } from './chromium';
import { openLinkFromBrowser, type Machine } from './journey';

/**
 * What a person does and sees with several accounts in one tray: sign in through a popover
 * button in the browser (the account chooser included), the accounts listed, and the checks every
 * journey ends with: no token on disk or in the popover, each token sent only to its own server.
 */

/** Presses `button` in the popover and signs in as `who` in the browser; returns the authorize URL. */
export async function signInThrough(machine: Machine, app: Harness, button: string, who: TestUser): Promise<URL> {
  const before = machine.opened.length;
  await machine.popover().getByRole('button', { name: button, exact: true }).click();
  const authorize = await machine.nextOpened(before + 1);
  await openLinkFromBrowser(app, await machine.approveInBrowser(authorize, who));
  return new URL(authorize);
}

/** Every view the popover was sent, oldest first. */
export function sentViews(app: Harness): AccountView[] {
  return app.popoverWindow().webContents.sent.filter(({ channel }) => channel === eventChannel('view')).map(({ args }) => args[0] as AccountView);
}

export const listedEmails = (app: Harness) => app.app.accounts.list().map(({ account }) => account.profile?.email);
export const accountStates = (app: Harness) => app.app.accounts.list().map(({ account }) => account.state.kind);

/** No token on disk in plaintext, none in the popover's page, and each answers only as its own person at its own server. */
export async function checkTokens(machine: Machine, app: Harness, serverUrl: string): Promise<void> {
  const popoverText = await machine.popover().content();
  for (const { account } of app.app.accounts.list()) {
    const token = account.token;
    if (!token) continue;
    expect(machine.filesContaining(token), 'no token on disk in plaintext').toEqual([]);
    expect(popoverText.includes(token), 'no token in the popover').toBe(false);
    const as = app.app.authenticatedFetchAs({ serverOrigin: serverUrl, userId: account.profile!.id });
    const answer = await as(`${serverUrl}/api/auth/get-session`);
    expect(await answer.json()).toMatchObject({ user: { email: account.profile!.email } });
    await expect(as('http://127.0.0.2:9/api/auth/get-session'), 'a token is not sent to another server').rejects.toBeInstanceOf(OtherServerError);
  }
}

/** Two people with accounts on one real server, a system browser, and a Chromium for the popover. */
export interface TwoPeople {
  server: TestAuthServer;
  systemBrowser: Chromium;
  popoverBrowser: Chromium;
  ada: TestUser;
  grace: TestUser;
  close(): Promise<void>;
}

export async function twoPeople(serverOptions: Parameters<typeof startAuthServer>[0] = {}): Promise<TwoPeople> {
  const [server, systemBrowser, popoverBrowser] = await Promise.all([startAuthServer(serverOptions), launchChromium(), launchChromium()]);
  const [ada, grace] = await Promise.all([
    server.createUser({ name: 'Ada Lovelace', email: `ada-${randomBytes(3).toString('hex')}@example.test` }),
    server.createUser({ name: 'Grace Hopper', email: `grace-${randomBytes(3).toString('hex')}@example.test` }),
  ]);
  return {
    server,
    systemBrowser,
    popoverBrowser,
    ada,
    grace,
    async close() {
      await Promise.all([systemBrowser.close(), popoverBrowser.close(), server.close()]);
    },
  };
}
