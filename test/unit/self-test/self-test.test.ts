import { describe, expect, it } from 'vitest';
import { check, exitCodeOf, expectedFuses, fusesHold, runSelfTest, unsafePreferences, type AppFacts } from '../../../src/core/self-test/self-test';

const app: AppFacts = { name: 'Latchkey', version: '0.1.0', electron: '45.4.1', chrome: '142', node: '22', platform: 'linux', arch: 'x64', packaged: true };
const now = () => Date.UTC(2026, 10, 23);

describe('runSelfTest', () => {
  it('passes when every check is healthy', async () => {
    const report = await runSelfTest(app, [check('tray', () => ({ created: true }), (d) => d.created === true)], now);
    expect(report).toMatchObject({ ok: true, generatedAt: '2026-11-23T00:00:00.000Z', checks: [{ id: 'tray', ok: true }] });
    expect(exitCodeOf(report)).toBe(0);
  });

  it('fails the whole report, with a reason, when one check fails or throws', async () => {
    const report = await runSelfTest(
      app,
      [
        check('keyring', (): { available: boolean; backend: string } => ({ available: false, backend: 'basic_text' }), (d) => d.available),
        check('protocol', () => {
          throw new Error('no handler registered');
        }, () => true),
        check('tray', () => ({ created: true }), () => true),
      ],
      now,
    );
    expect(report.ok).toBe(false);
    expect(exitCodeOf(report)).toBe(1);
    expect(report.checks.map((c) => [c.id, c.ok])).toEqual([['keyring', false], ['protocol', false], ['tray', true]]);
    expect(report.checks[1]!.detail).toEqual({ error: 'no handler registered' });
  });

  it('never carries a secret, even if a probe returns one', async () => {
    const report = await runSelfTest(app, [check('vault', () => ({ token: 'abc', authCode: 'xyz', backend: 'kwallet6' }), () => true)], now);
    expect(JSON.stringify(report)).not.toMatch(/abc|xyz/u);
    expect(report.checks[0]!.detail).toEqual({ token: '[withheld]', authCode: '[withheld]', backend: 'kwallet6' });
  });
});

describe('fusesHold and unsafePreferences', () => {
  it('requires every fuse at its expected value', () => {
    expect(fusesHold({ ...expectedFuses })).toBe(true);
    expect(fusesHold({ ...expectedFuses, RunAsNode: true })).toBe(false);
    expect(fusesHold({ ...expectedFuses, OnlyLoadAppFromAsar: null })).toBe(false);
  });

  it('names each unsafe window preference', () => {
    expect(unsafePreferences({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true })).toEqual([]);
    expect(unsafePreferences({ contextIsolation: false, sandbox: true, nodeIntegration: true, webSecurity: true, webviewTag: true })).toEqual([
      'contextIsolation must be true',
      'nodeIntegration must be false',
      'webviewTag must be off',
    ]);
  });
});
