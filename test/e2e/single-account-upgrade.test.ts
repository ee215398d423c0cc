import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventChannel } from '../../src/contract/channels';
import type { AccountView } from '../../src/contract/view';
import { createAuthServer, type AuthServer } from '../../src/server/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { Machine, openLinkFromBrowser } from '../harness/journey';
import { SafeStorageDouble } from '../harness/safe-storage-double';
import { SkewedClock } from '../harness/skewed-clock';

/**
 * The upgrade from single-account Latchkey: a store file that version wrote (test/fixtures/
 * single-account-store, signed in with a renewal pending) opens as one account, signed in, with
 * no frame of signed-out, and the renewal started before the upgrade still completes.
 */
const fixtureDir = fileURLToPath(new URL('../fixtures/single-account-store/', import.meta.url));
const fixture = JSON.parse(readFileSync(join(fixtureDir, 'fixture.json'), 'utf8')) as {
  madeAt: string;
  serverSecret: string;
  user: { id: string; email: string; password: string; name: string };
  keyringKey: string;
  pendingAuthorizeUrl: string;
};
const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-upgrade-'));
let server: AuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;

beforeAll(async () => {
  const database = join(dataDir, 'auth.sqlite');
  copyFileSync(join(fixtureDir, 'auth.sqlite'), database);
  // The fixture's sessions were made to last, but not forever: the server's copy is moved on.
  const db = new DatabaseSync(database);
  db.prepare('UPDATE session SET expiresAt = ?').run(new Date(Date.now() + 7 * 24 * 3_600_000).toISOString());
  db.close();
  [server, systemBrowser, popoverBrowser] = await Promise.all([
    createAuthServer({ database: { sqlite: database }, secret: fixture.serverSecret, log: () => {} }),
    launchChromium(),
    launchChromium(),
  ]);
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), server?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a store written by single-account Latchkey', () => {
  it('opens as one account without signing anyone out, and the renewal pending before the upgrade completes', { timeout: 60_000 }, async () => {
    const machine = new Machine(server.url, systemBrowser, popoverBrowser);
    copyFileSync(join(fixtureDir, 'latchkey.json'), join(machine.userData, 'latchkey.json'));
    // The app runs shortly after the fixture was made, so the saved attempt is within its ten minutes.
    const clock = new SkewedClock();
    clock.skewMs = Date.parse(fixture.madeAt) + 30_000 - Date.now();
    try {
      const app = await machine.start({ safeStorage: SafeStorageDouble.withKey(fixture.keyringKey), clock });
      const views = app
        .popoverWindow()
        .webContents.sent.filter(({ channel }) => channel === eventChannel('view'))
        .map(({ args }) => args[0] as AccountView);
      expect(views[0]?.profile?.email, 'the first frame shows the account').toBe(fixture.user.email);
      await expect.poll(() => app.app.account.state.kind).toBe('signedIn');
      expect(views.map((view) => view.status)).not.toContain('signedOut');
      expect(app.app.accounts.list().map(({ slot, account }) => [slot, account.profile?.id])).toEqual([[0, fixture.user.id]]);
      const before = app.app.account.token!;
      const answer = await app.app.authenticatedFetch(`${server.url}/api/auth/get-session`);
      expect(await answer.json(), 'the old session is still the server’s').toMatchObject({ user: { email: fixture.user.email } });

      // The renewal started before the upgrade: its browser page is opened again, now on this server's address.
      const authorize = fixture.pendingAuthorizeUrl.replace(new URL(fixture.pendingAuthorizeUrl).origin, server.url);
      await openLinkFromBrowser(app, await machine.approveInBrowser(authorize, fixture.user));
      await expect.poll(() => app.app.account.token).not.toBe(before);
      expect(app.app.account.state.kind).toBe('signedIn');
      expect(app.app.accounts.list(), 'the renewal refreshed the account, it did not add one').toHaveLength(1);
      await app.app.vault.settled();
      const store = JSON.parse(readFileSync(join(machine.userData, 'latchkey.json'), 'utf8')) as Record<string, unknown>;
      expect(Object.keys(store).sort(), 'the first account keeps the single-account keys; the attempt is gone').toEqual(['account', 'issuersSendingIss', 'secret:token']);
      expect(store.issuersSendingIss, 'the server promised iss, and that is remembered').toEqual([server.url]);
      expect(machine.filesContaining(app.app.account.token!)).toEqual([]);
    } finally {
      await machine.dispose();
    }
  });
});
