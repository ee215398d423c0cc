import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SignInFlow, type FlowStep, type SignInFlowDeps } from '../../../src/core/auth/sign-in-flow';
import type { Browser } from '../../../src/core/ports';
import { loopbackServer } from '../../../src/main/adapters/loopback-listener';
import { launchChromium } from '../../harness/chromium';
import { FakeClock } from '../../harness/fake-clock';
import { openTestVault, type TestVault } from '../vault/test-vault';
import { RecordingLogger, systemRandom } from '../../unit/auth/fakes';
import { startFakeAuthHttp, type FakeAuthHttp } from './fake-auth-http';

const scheme = 'dev.latchkey.app';
let server: FakeAuthHttp;
let clock: FakeClock;
const cleanups: (() => unknown)[] = [];

beforeEach(async () => {
  server = await startFakeAuthHttp();
  clock = new FakeClock();
  cleanups.push(() => server.close());
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function flowOver(vault: TestVault['vault'], browser: Browser, extra: Partial<SignInFlowDeps> = {}) {
  return new SignInFlow({
    serverOrigin: server.origin,
    clientId: 'latchkey-desktop',
    scheme,
    lifetimeMs: 600_000,
    secrets: vault,
    http: (input, init) => fetch(input, init),
    browser,
    clock,
    random: systemRandom,
    logger: new RecordingLogger(),
    ...extra,
  });
}

/** Follows the authorize page's redirect as a browser would, up to the custom-scheme URL it cannot open. */
const schemeBrowser = (landed: string[]): Browser => ({
  async open(url) {
    const response = await fetch(url, { redirect: 'manual' });
    landed.push(response.headers.get('location')!);
  },
});

describe('sign-in journeys over HTTP', () => {
  it('loopback: Chromium follows the server’s redirect to the app’s listener, and the app signs in', async () => {
    const opened = await openTestVault();
    cleanups.push(() => opened.dispose());
    const chromium = await launchChromium();
    cleanups.push(() => chromium.close());
    const page = await chromium.context.newPage();

    const flow = flowOver(opened.vault, { open: async (url) => void (await page.goto(url)) }, { loopback: loopbackServer });
    const steps: Promise<FlowStep>[] = [];
    flow.onLoopbackCallback((url) => steps.push(flow.receiveCallback(url)));
    expect(await flow.start('loopback')).toMatchObject({ ok: true, pending: { via: 'loopback' } });

    expect(await page.getByRole('heading', { name: 'Return to Latchkey' }).isVisible()).toBe(true);
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/auth\/callback\?code=/u);
    expect(await page.content()).not.toContain(new URL(page.url()).searchParams.get('code')!);
    expect(steps).toHaveLength(1);
    expect(await steps[0]).toMatchObject({ kind: 'signedIn', user: { email: 'ada@example.com' } });
    expect(await opened.vault.readSecret('attempt')).toEqual({ kind: 'none' });
  });

  it('loopback: a stray request to the listener first is refused, and the real redirect still signs in', async () => {
    const opened = await openTestVault();
    cleanups.push(() => opened.dispose());
    const chromium = await launchChromium();
    cleanups.push(() => chromium.close());
    const page = await chromium.context.newPage();
    const logger = new RecordingLogger();
    let authorize = '';
    const flow = flowOver(opened.vault, { open: async (url) => void (authorize = url) }, { loopback: loopbackServer, logger });
    const steps: Promise<FlowStep>[] = [];
    flow.onLoopbackCallback((url) => steps.push(flow.receiveCallback(url)));
    await flow.start('loopback');
    const redirect = new URL(authorize).searchParams.get('redirect_uri')!;

    // Another local process (or a web page) reaches the port before the browser does.
    const stray = await fetch(`${redirect}?code=planted-code&state=guessed`);
    expect(stray.status).toBe(400);
    expect(logger.text()).toContain('A stray request to the loopback listener was refused');
    expect(steps).toEqual([]);

    await page.goto(authorize);
    expect(await page.getByRole('heading', { name: 'Return to Latchkey' }).isVisible()).toBe(true);
    expect(steps).toHaveLength(1);
    expect(await steps[0]).toMatchObject({ kind: 'signedIn', user: { email: 'ada@example.com' } });
  });

  it('custom scheme: a restart in mid-flow resumes the attempt from the encrypted vault and completes it', async () => {
    const before = await openTestVault({ now: () => clock.now() });
    cleanups.push(() => before.dispose());
    const landed: string[] = [];
    await flowOver(before.vault, schemeBrowser(landed)).start('scheme');
    await before.vault.settled();
    expect(landed[0]).toMatch(new RegExp(`^${scheme.replaceAll('.', '\\.')}:/auth/callback\\?code=`, 'u'));

    // The attempt is on disk, and only as ciphertext.
    const onDisk = readFileSync(before.store.path, 'utf8');
    const state = new URL(landed[0]!.replace(`${scheme}:`, 'x://h')).searchParams.get('state')!;
    expect(onDisk).toContain('secret:attempt');
    expect(onDisk).not.toContain(state);
    expect(onDisk).not.toContain('verifier');

    await clock.advance(120_000);
    const after = await before.reopen();
    const resumed = flowOver(after.vault, schemeBrowser([]));
    expect(await resumed.resume()).toMatchObject({ via: 'scheme' });
    expect(await resumed.receiveCallback(landed[0]!)).toMatchObject({ kind: 'signedIn' });
    expect(await resumed.receiveCallback(landed[0]!), 'a replay').toEqual({ kind: 'ignored', reason: 'no sign-in pending' });
    expect(await after.vault.readSecret('attempt')).toEqual({ kind: 'none' });
  });

  it('paste: the code shown on the page is exchanged with the pending verifier', async () => {
    const opened = await openTestVault();
    cleanups.push(() => opened.dispose());
    const landed: string[] = [];
    const flow = flowOver(opened.vault, schemeBrowser(landed));
    await flow.start('scheme');
    const code = new URL(landed[0]!.replace(`${scheme}:`, 'x://h')).searchParams.get('code')!;
    expect(await flow.submitCode(code)).toMatchObject({ kind: 'signedIn' });
    expect(server.auth.exchanges).toBe(1);
  });

  it('an attacker’s callback with a valid code from another attempt is ignored and spends nothing', async () => {
    const mine = await openTestVault();
    const theirs = await openTestVault();
    cleanups.push(() => mine.dispose(), () => theirs.dispose());
    const attackerLanded: string[] = [];
    await flowOver(theirs.vault, schemeBrowser(attackerLanded)).start('scheme');
    const victim = flowOver(mine.vault, schemeBrowser([]));
    await victim.start('scheme');
    expect(await victim.receiveCallback(attackerLanded[0]!)).toEqual({ kind: 'ignored', reason: 'state does not match' });
    expect(server.auth.exchanges).toBe(0);
    expect(victim.pending()).not.toBeNull();
  });
});
