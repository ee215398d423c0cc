import type { SelfTestReport } from '../core/self-test/self-test';
import type { VaultDiagnostics } from '../core/vault/status';
import type { AppApi } from './electron-api';
import type { SelfTestDeps } from './self-test-checks';

export interface SelfTestWiring {
  /** `--self-test`: every OS integration checked, as a report without secrets. */
  run(): Promise<SelfTestReport>;
  /** "Copy diagnostics": the checks that change nothing, plus the vault's own lines. */
  diagnostics(vault: VaultDiagnostics): Promise<string>;
}

/**
 * The self-test and the diagnostics, loaded the first time one is asked for: the first frame
 * needs neither, and their checks (fuses, keyring round trip) are the main bundle's largest part
 * that a start does not use.
 */
export function wireSelfTest(app: Pick<AppApi, 'getName' | 'getVersion' | 'isPackaged'>, platform: NodeJS.Platform, now: () => number, deps: SelfTestDeps): SelfTestWiring {
  const load = async () => {
    const [{ selfTestChecks }, diagnostics, { runSelfTest }] = await Promise.all([
      import('./self-test-checks'),
      import('./diagnostics'),
      import('../core/self-test/self-test'),
    ]);
    return { checks: selfTestChecks(deps), facts: diagnostics.appFacts(app, platform), diagnostics, runSelfTest };
  };
  let loaded: ReturnType<typeof load> | null = null;
  return {
    async run() {
      const { checks, facts, runSelfTest } = await (loaded ??= load());
      return runSelfTest(facts, checks, now);
    },
    async diagnostics(vault) {
      const { checks, facts, diagnostics } = await (loaded ??= load());
      return diagnostics.diagnosticsText(facts, checks, vault, now);
    },
  };
}
