import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAuthServer, type AuthServer } from '../../src/server/auth-server';
import type { Harness } from '../harness/app';
import type { TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { FailingDisk } from '../harness/failing-disk';
import { Machine, openLinkFromBrowser } from '../harness/journey';

/**
 * A disk that fills up while Latchkey runs, against the real server, through the real popover:
 * what the user sees when a sign-out cannot reach the disk, and that a restart never undoes it.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'latchkey-disk-journeys-'));
let server: AuthServer;
let systemBrowser: Chromium;
let popoverBrowser: Chromium;
let machine: Machine;
let user: TestUser;

beforeAll(async () => {
  server = await createAuthServer({ database: { sqlite: join(dataDir, 'auth.sqlite') }, secret: randomBytes(32).toString('base64url'), log: () => {} });
  [systemBrowser, popoverBrowser] = await Promise.all([launchChromium(), launchChromium()]);
  const account = { email: `disk-${randomBytes(4).toString('hex')}@example.test`, password: 'correct horse battery', name: 'Grace Hopper' };
  user = { ...account, id: (await server.auth.api.signUpEmail({ body: account })).user.id };
});
afterAll(async () => {
  await Promise.all([systemBrowser?.close(), popoverBrowser?.close(), server?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  await machine?.dispose();
});

async function signIn(app: Harness): Promise<string> {
  const before = machine.opened.length;
  await machine.popover().getByRole('button', { name: 'Sign in with browser' }).click();
  await openLinkFromBrowser(app, await machine.approveInBrowser(await machine.nextOpened(before + 1), user));
  await expect.poll(() => app.app.account.state.kind, { timeout: 10_000 }).toMatch(/signedIn|expiringSoon/u);
  return app.app.account.token!;
}

/** Quits as Electron does: before-quit first (the app's last chance to write), then the process ends. */
async function quit(app: Harness): Promise<void> {
  app.double.app.quit();
  await machine.quit();
}

describe('a full disk', () => {
  it('a sign-out it refuses is said in the popover, saved once the disk has room, and a restart starts signed out', async () => {
    const disk = new FailingDisk();
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start({ storeClass: disk.storeClass });
    const token = await signIn(app);

    disk.fail('write', 'ENOSPC');
    await machine.popover().getByRole('button', { name: 'Sign out' }).click();
    await machine.popover().getByRole('paragraph').filter({ hasText: /You're signed out, but Latchkey couldn't remove your session from this computer: your disk is full/u }).waitFor();
    await machine.popover().getByRole('button', { name: 'Sign in with browser' }).waitFor();
    expect(disk.failures.length).toBeGreaterThan(0);
    // Still in the file until the disk takes a write, and only encrypted.
    expect(machine.filesContaining(token)).toEqual([]);

    disk.heal();
    await quit(app);
    const again = await machine.start({ storeClass: disk.storeClass });
    expect(again.app.account.state).toEqual({ kind: 'signedOut', notice: null });
    expect(again.app.vault.status()).toMatchObject({ unsaved: false, notice: null });
  });

  it('the notice goes once a wake from sleep finds the disk writable again', async () => {
    const disk = new FailingDisk();
    machine = new Machine(server.url, systemBrowser, popoverBrowser);
    const app = await machine.start({ storeClass: disk.storeClass });
    await signIn(app);
    disk.fail('write', 'EROFS');
    await machine.popover().getByRole('button', { name: 'Sign out' }).click();
    await machine.popover().getByRole('paragraph').filter({ hasText: /disk holding Latchkey's data is read-only/u }).waitFor();

    disk.heal();
    app.double.powerMonitor.emit('resume');
    await machine.popover().getByRole('paragraph').filter({ hasText: /couldn't remove your session/u }).waitFor({ state: 'detached' });
    expect(app.app.vault.status().unsaved).toBe(false);
  });
});
