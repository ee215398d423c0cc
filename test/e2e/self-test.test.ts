import { afterEach, describe, expect, it } from 'vitest';
import type { SelfTestReport } from '../../src/core/self-test/self-test';
import { exitCodeOf } from '../../src/core/self-test/self-test';
import { startHarness, type Harness, type HarnessOptions } from '../harness/app';
import { FakeClock } from '../harness/fake-clock';

/** `latchkey --self-test` against the typed Electron double, in the three situations CI meets. */
describe('the self-test', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  async function selfTest(options: HarnessOptions = {}): Promise<SelfTestReport> {
    harness = await startHarness({ argv: ['/opt/Latchkey/latchkey', '--hidden'], ...options });
    return harness.app.selfTest();
  }

  const outcome = (report: SelfTestReport) => Object.fromEntries(report.checks.map((check) => [check.id, check.ok]));

  const detail = (report: SelfTestReport, id: string) => report.checks.find((check) => check.id === id)!.detail;

  /** Runs the self-test with a clock the test moves, and lets the link's wait run out. */
  async function selfTestUntilTimeout(options: HarnessOptions = {}): Promise<SelfTestReport> {
    const clock = new FakeClock();
    harness = await startHarness({ argv: ['/opt/Latchkey/latchkey', '--hidden'], clock, ...options });
    const running = harness.app.selfTest();
    await harness.logged('The self-test sent its link through the OS');
    await clock.advance(5_000);
    return running;
  }

  it('passes on a healthy machine: its own link goes out through xdg-open and comes back', async () => {
    const report = await selfTest();
    expect(outcome(report)).toEqual({ keyring: true, protocol: true, deepLink: true, tray: true, notifications: true, loginItem: true, fuses: true, updates: true, windows: true });
    expect(detail(report, 'deepLink')).toEqual({ link: 'dev.latchkey.app.dev:/self-test', received: true, advice: null });
    expect(harness!.double.openedUrls.at(-1)).toMatch(/^dev\.latchkey\.app\.dev:\/self-test\?nonce=[\w-]{22,}$/u);
    expect(detail(report, 'keyring')).toMatchObject({ backend: 'gnome_libsecret', strength: 'strong', roundTrip: true });
    expect(exitCodeOf(report)).toBe(0);
    expect(harness!.app.account.state.kind, 'the self-test link signs no one in').toBe('signedOut');
    expect(harness!.logs.map((entry) => entry.message), 'the account never sees the self-test link').not.toContain('A sign-in callback was ignored');
  });

  it('Windows, a checkout in a folder with a space: the registry command reaches this copy', async () => {
    const report = await selfTest({ platform: 'win32', appPath: 'C:\\Users\\Ada Lovelace\\latchkey' });
    expect(outcome(report)).toMatchObject({ protocol: true, deepLink: true });
    expect(harness!.double.app.protocols.registry.get('dev.latchkey.app.dev')).toBe(
      '"C:\\src\\latchkey\\node_modules\\electron\\dist\\electron.exe" "C:\\Users\\Ada Lovelace\\latchkey" --deep-link -- "%1"',
    );
  });

  it('macOS: the link comes back in open-url', async () => {
    const report = await selfTest({ platform: 'darwin' });
    expect(outcome(report)).toMatchObject({ protocol: true, deepLink: true });
  });

  it('Windows: fails both checks, saying what to check, when another program has taken the scheme', async () => {
    const report = await selfTestUntilTimeout({
      platform: 'win32',
      // After start, another copy (the installed app) registers itself without our sentinel.
      beforeReady: (double) => void double.app.once('ready', () => setImmediate(() => double.app.protocols.registry.set('dev.latchkey.app.dev', '"C:\\Program Files\\Latchkey\\Latchkey.exe" "%1"'))),
    });
    expect(outcome(report)).toMatchObject({ protocol: false, deepLink: false });
    expect(detail(report, 'protocol')).toMatchObject({ isDefaultClient: false });
    expect(detail(report, 'deepLink')).toMatchObject({ received: false, advice: expect.stringContaining('HKEY_CURRENT_USER\\Software\\Classes\\dev.latchkey.app.dev\\shell\\open\\command') });
  });

  it('fails, naming the keyring, when the system keyring is missing', async () => {
    const report = await selfTest({ beforeReady: (double) => void (double.safeStorage.mode = 'unavailable') });
    expect(outcome(report)).toMatchObject({ keyring: false, protocol: true, deepLink: true });
    expect(report.checks.find((c) => c.id === 'keyring')!.detail).toMatchObject({ available: false, strength: 'unavailable', roundTrip: false });
    expect(exitCodeOf(report)).toBe(1);
  });

  it('fails, naming the scheme, when the link handler cannot be registered', async () => {
    const report = await selfTestUntilTimeout({
      runProgram: async () => {
        throw new Error('xdg-mime: command not found');
      },
    });
    expect(outcome(report)).toMatchObject({ keyring: true, protocol: false, deepLink: false });
    expect(detail(report, 'protocol')).toMatchObject({ scheme: 'dev.latchkey.app.dev', isDefaultClient: false, registered: false });
    expect(detail(report, 'deepLink')).toMatchObject({ received: false, advice: expect.stringContaining('xdg-mime query default x-scheme-handler/dev.latchkey.app.dev') });
    expect(exitCodeOf(report)).toBe(1);
  });

  it('copies the same checks as diagnostics, with no secret in them', async () => {
    harness = await startHarness();
    const page = harness.popoverWindow().page();
    await page.getByText('Settings').click();
    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    await page.getByRole('status').filter({ hasText: 'Diagnostics copied to the clipboard.' }).waitFor();
    const text = harness.double.clipboardText.at(-1)!;
    expect(text).toContain('Encryption backend: gnome_libsecret');
    expect(JSON.parse(text.slice(text.indexOf('{')))).toMatchObject({ app: { name: 'Latchkey' }, checks: expect.any(Array) });
    expect(text).not.toMatch(/code=|verifier|Bearer/u);
  });
});
