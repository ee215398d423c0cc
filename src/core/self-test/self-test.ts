/**
 * The self-test: every OS integration checked on the real machine, reported as JSON with no
 * secret in it. `latchkey --self-test` prints it and exits non-zero when a check fails; "Copy
 * diagnostics" in the popover copies the same report.
 */
export type Detail = Record<string, string | number | boolean | null>;

export interface CheckResult {
  id: string;
  ok: boolean;
  detail: Detail;
}

export interface AppFacts {
  name: string;
  version: string;
  electron: string;
  chrome: string;
  node: string;
  platform: string;
  arch: string;
  packaged: boolean;
}

export interface SelfTestReport {
  ok: boolean;
  generatedAt: string;
  app: AppFacts;
  checks: CheckResult[];
}

/** A named probe: it measures, and `judge` decides whether what it saw is healthy. */
export interface Check<T extends Detail = Detail> {
  id: string;
  probe(): Promise<T> | T;
  judge(detail: T, app: AppFacts): boolean;
}

export function check<T extends Detail>(id: string, probe: () => Promise<T> | T, judge: (detail: T, app: AppFacts) => boolean): Check<T> {
  return { id, probe, judge };
}

/** Anything shaped like a secret is withheld, whatever a probe returned. */
const secretKey = /token|secret|verifier|password|code$|cookie/iu;

function scrub(detail: Detail): Detail {
  return Object.fromEntries(Object.entries(detail).map(([key, value]) => [key, secretKey.test(key) ? '[withheld]' : value]));
}

export async function runSelfTest(app: AppFacts, checks: readonly Check[], now: () => number): Promise<SelfTestReport> {
  const results: CheckResult[] = [];
  for (const each of checks) {
    try {
      const detail = await each.probe();
      results.push({ id: each.id, ok: each.judge(detail, app), detail: scrub(detail) });
    } catch (error) {
      results.push({ id: each.id, ok: false, detail: { error: error instanceof Error ? error.message : String(error) } });
    }
  }
  return { ok: results.every((result) => result.ok), generatedAt: new Date(now()).toISOString(), app, checks: results };
}

export const exitCodeOf = (report: SelfTestReport): 0 | 1 => (report.ok ? 0 : 1);

/** The fuses a packaged build must carry (see electron-builder.json). */
export const expectedFuses = {
  RunAsNode: false,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  EnableCookieEncryption: true,
} as const;

/** True when every expected fuse is read back with its expected value. */
export function fusesHold(read: Detail): boolean {
  return Object.entries(expectedFuses).every(([fuse, expected]) => read[fuse] === expected);
}

/** The webPreferences every window must run with; returns what is wrong, if anything. */
export function unsafePreferences(preferences: Detail): string[] {
  const required: Detail = { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true };
  const forbidden = ['allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames'];
  return [
    ...Object.entries(required).filter(([key, value]) => preferences[key] !== value).map(([key, value]) => `${key} must be ${value}`),
    ...forbidden.filter((key) => preferences[key] === true).map((key) => `${key} must be off`),
  ];
}
