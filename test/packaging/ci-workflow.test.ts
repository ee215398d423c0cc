import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectPath } from './project';
import { workflowValidator } from './workflow-schema';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  'runs-on': string;
  strategy: { matrix: { os: string[] } };
  services?: Record<string, { image: string; env?: Record<string, string>; ports?: string[] }>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflowText = readFileSync(projectPath('.github/workflows/ci.yml'), 'utf8');
const workflow = parse(workflowText) as Workflow;

const steps = () => Object.values(workflow.jobs).flatMap((job) => job.steps);
const stepRunning = (pattern: RegExp) => steps().filter((step) => pattern.test(step.run ?? ''));
const stepUsing = (action: string) => steps().find((step) => step.uses?.startsWith(`${action}@`));

describe('.github/workflows/ci.yml', () => {
  const validate = workflowValidator();

  it('is a valid GitHub Actions workflow', () => {
    validate(workflow);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('is really checked: a misspelt key is rejected', () => {
    const job = Object.values(workflow.jobs)[0]!;
    const { 'runs-on': runsOn, ...rest } = job;
    expect(validate({ ...workflow, jobs: { broken: { ...rest, runs_on: runsOn } } })).toBe(false);
  });

  it('runs on macOS, Windows and Linux with Node 22, read-only', () => {
    expect(Object.keys(workflow.jobs).sort()).toEqual(['check', 'server-postgres']);
    const job = workflow.jobs.check;
    expect(job?.strategy.matrix.os.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(job?.['runs-on']).toBe('${{ matrix.os }}');
    expect(stepUsing('actions/setup-node')?.with?.['node-version']).toBe(22);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('installs exactly what the lock file says, then runs the whole check with a known Chromium', () => {
    const install = workflow.jobs.check!.steps.filter((step) => /^npm ci$/mu.test(step.run ?? ''));
    const test = stepRunning(/^npm test$/mu);
    expect(install).toHaveLength(1);
    expect(test).toHaveLength(1);
    expect(steps().indexOf(install[0]!)).toBeLessThan(steps().indexOf(test[0]!));
    expect(test[0]?.env?.LATCHKEY_CHROMIUM).toMatch(/steps\.\w+\.outputs\.chrome-path/u);
  });

  it('packages the app and self-tests that build, under Xvfb with an unlocked keyring on Linux', () => {
    const packaging = stepRunning(/electron-builder --dir\b/u);
    expect(packaging).toHaveLength(1);
    const selfTests = stepRunning(/node scripts\/dist-self-test\.mjs/u);
    expect(existsSync(projectPath('scripts/dist-self-test.mjs'))).toBe(true);
    const linux = selfTests.find((step) => step.if === "runner.os == 'Linux'");
    const others = selfTests.find((step) => step.if === "runner.os != 'Linux'");
    expect(linux?.run).toMatch(/dbus-run-session -- [\s\S]*gnome-keyring-daemon --unlock[\s\S]*xvfb-run /u);
    expect(others?.run).not.toMatch(/xvfb-run/u);
    for (const step of selfTests) expect(steps().indexOf(step)).toBeGreaterThan(steps().indexOf(packaging[0]!));
  });

  it('uploads the installers, and fails when there are none', () => {
    const upload = stepUsing('actions/upload-artifact');
    expect(upload?.with?.['if-no-files-found']).toBe('error');
    const paths = String(upload?.with?.path).split('\n').filter(Boolean);
    expect(paths).toEqual(expect.arrayContaining(['release/*.dmg', 'release/*.exe', 'release/*.AppImage', 'release/*.deb']));
    expect(stepRunning(/electron-builder --publish never\b/u)).toHaveLength(1);
  });

  it('re-signs the macOS build ad hoc, since flipping fuses voids the signature Apple silicon needs', () => {
    const builds = stepRunning(/electron-builder /u);
    expect(builds).toHaveLength(2);
    for (const build of builds) expect(build.run).toContain('${{ matrix.builder-args }}');
    const mac = (Object.values(workflow.jobs)[0]?.strategy.matrix as { include?: { os: string; 'builder-args'?: string }[] }).include;
    expect(mac?.find((entry) => entry.os === 'macos-latest')?.['builder-args']).toMatch(/-c\.mac\.identity=-(\s|$)/u);
  });

  it('runs the auth server suite on a PostgreSQL service too, with the URL its tests read', () => {
    const job = workflow.jobs['server-postgres']!;
    expect(job['runs-on']).toBe('ubuntu-latest');
    const postgres = job.services?.postgres;
    expect(postgres?.image).toMatch(/^postgres:\d+$/u);
    const run = job.steps.find((step) => /^npm test -- test\/server$/mu.test(step.run ?? ''));
    const url = new URL(run?.env?.LATCHKEY_TEST_POSTGRES_URL ?? 'missing:');
    expect(url.protocol).toBe('postgres:');
    expect(decodeURIComponent(url.password)).toBe(postgres?.env?.POSTGRES_PASSWORD);
    expect(url.pathname.slice(1)).toBe(postgres?.env?.POSTGRES_DB);
    expect(postgres?.ports).toContain(`${url.port}:5432`);
    expect(run?.env?.LATCHKEY_CHROMIUM).toMatch(/steps\.\w+\.outputs\.chrome-path/u);
    expect(job.steps.findIndex((step) => step.run === 'npm ci')).toBeLessThan(job.steps.indexOf(run!));
  });

  it('pins every action to a major version', () => {
    for (const step of steps().filter((candidate) => candidate.uses)) {
      expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/u);
    }
  });
});
