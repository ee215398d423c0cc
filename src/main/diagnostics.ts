import type { Check, SelfTestReport } from '../core/self-test/self-test';
import { runSelfTest, type AppFacts } from '../core/self-test/self-test';
import { formatDiagnostics, type VaultDiagnostics } from '../core/vault/status';

/** What the app is, for the report's header. */
export function appFacts(app: { getName(): string; getVersion(): string; isPackaged: boolean }, platform: NodeJS.Platform): AppFacts {
  return {
    name: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron ?? 'not running in Electron',
    chrome: process.versions.chrome ?? 'not running in Electron',
    node: process.versions.node,
    platform,
    arch: process.arch,
    packaged: app.isPackaged,
  };
}

/**
 * "Copy diagnostics": the self-test's checks that change nothing (no synthetic deep link), plus
 * the vault's own lines. Nothing in it is a secret.
 */
export async function diagnosticsText(facts: AppFacts, checks: readonly Check[], vault: VaultDiagnostics, now: () => number): Promise<string> {
  const report: SelfTestReport = await runSelfTest(facts, checks.filter((each) => each.id !== 'deepLink'), now);
  return `${formatDiagnostics(vault)}\n\n${JSON.stringify(report, null, 2)}\n`;
}
