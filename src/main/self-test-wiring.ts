import type { ProtocolPlan } from '../core/auth/protocol-plan';
import type { CipherBackend, Clock, Logger, LoginItems } from '../core/ports';
import type { SelfTestReport } from '../core/self-test/self-test';
import { strengthOf } from '../core/vault/policy';
import type { VaultDiagnostics } from '../core/vault/status';
import { ownsScheme, type RegistrationResult, type RunProgram } from './adapters/protocol-registration';
import { popoverWindowOptions } from './adapters/popover-window';
import { systemRandom } from './adapters/node-ports';
import { deepLinkProbe, type DeepLinkProbe } from './deep-link-probe';
import type { AppApi, ElectronApi } from './electron-api';
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

export interface AppSelfTestDeps {
  electron: ElectronApi;
  platform: NodeJS.Platform;
  plan: ProtocolPlan;
  /** The scheme's registration, started with the app. */
  registering: Promise<RegistrationResult>;
  launch: { target: { execPath: string }; run: RunProgram };
  loginItems: LoginItems;
  trayCreated(): boolean;
  preloadPath: string;
  clock: Clock;
  logger: Logger;
  updates: SelfTestDeps['updates'];
}

/**
 * The running app's self-test: its deep-link probe (whose links the start must hand to it, not
 * to sign-in) and the checks, which load only when the self-test or the diagnostics are asked for.
 */
export function wireAppSelfTest(deps: AppSelfTestDeps): { probe: DeepLinkProbe; selfTest: SelfTestWiring } {
  const { electron, platform, plan, clock, logger } = deps;
  const { scheme } = plan;
  const probe = deepLinkProbe({ shell: electron.shell, advice: { platform, scheme, linuxEntry: plan.linuxEntry?.fileName ?? null }, clock, random: systemRandom, logger });
  const selfTest = wireSelfTest(electron.app, platform, () => clock.now(), {
    electron,
    platform,
    scheme,
    strengthOf: (backend) => strengthOf(true, backend as CipherBackend),
    trayCreated: deps.trayCreated,
    loginItems: deps.loginItems,
    sendDeepLink: () => probe.send(),
    protocolFacts: async () => {
      const registration = await deps.registering;
      return {
        isDefaultClient: await ownsScheme(electron.app, plan, deps.launch),
        registered: registration.registered,
        entry: registration.registered ? registration.entryPath : null,
      };
    },
    windows: () => [{ name: 'popover', webPreferences: popoverWindowOptions(deps.preloadPath).webPreferences ?? {} }],
    executablePath: deps.launch.target.execPath,
    updates: deps.updates,
  });
  return { probe, selfTest };
}
