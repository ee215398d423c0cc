import { afterEach, describe, expect, it } from 'vitest';
import type { SelfTestReport } from '../../src/core/self-test/self-test';
import { exitCodeOf } from '../../src/core/self-test/self-test';
import { startHarness, type Harness, type HarnessOptions } from '../harness/app';

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

  it('passes on a healthy machine, and a synthetic link travels the OS path and is ignored', async () => {
    const report = await selfTest();
    expect(outcome(report)).toEqual({ keyring: true, protocol: true, deepLink: true, tray: true, notifications: true, loginItem: true, fuses: true, windows: true });
    expect(report.checks.find((c) => c.id === 'deepLink')!.detail).toEqual({ received: true, parsed: true, ignored: true });
    expect(report.checks.find((c) => c.id === 'keyring')!.detail).toMatchObject({ backend: 'gnome_libsecret', strength: 'strong', roundTrip: true });
    expect(exitCodeOf(report)).toBe(0);
    expect(harness!.app.account.state.kind, 'the synthetic link signs no one in').toBe('signedOut');
  });

  it('fails, naming the keyring, when the system keyring is missing', async () => {
    const report = await selfTest({ beforeReady: (double) => void (double.safeStorage.mode = 'unavailable') });
    expect(outcome(report)).toMatchObject({ keyring: false, protocol: true, deepLink: true });
    expect(report.checks.find((c) => c.id === 'keyring')!.detail).toMatchObject({ available: false, strength: 'unavailable', roundTrip: false });
    expect(exitCodeOf(report)).toBe(1);
  });

  it('fails, naming the scheme, when the link handler cannot be registered', async () => {
    const report = await selfTest({
      runProgram: async () => {
        throw new Error('xdg-mime: command not found');
      },
    });
    expect(outcome(report)).toMatchObject({ keyring: true, protocol: false });
    expect(report.checks.find((c) => c.id === 'protocol')!.detail).toMatchObject({ scheme: 'dev.latchkey.app.dev', isDefaultClient: false, registered: false });
    expect(exitCodeOf(report)).toBe(1);
  });

  it('copies the same checks as diagnostics, with no secret in them', async () => {
    harness = await startHarness();
    const page = harness.popoverWindow().page();
    await page.getByText('Settings').click();
    await page.getByRole('button', { name: 'Copy diagnostics' }).click();
    await page.getByText('Diagnostics copied to the clipboard.').waitFor();
    const text = harness.double.clipboardText.at(-1)!;
    expect(text).toContain('Encryption backend: gnome_libsecret');
    expect(JSON.parse(text.slice(text.indexOf('{')))).toMatchObject({ app: { name: 'Latchkey' }, checks: expect.any(Array) });
    expect(text).not.toMatch(/code=|verifier|Bearer/u);
  });
});
