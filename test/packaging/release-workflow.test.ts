import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { projectPath } from './project';
import { workflowValidator } from './workflow-schema';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: { push?: { tags?: string[]; branches?: string[] } };
  permissions: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; strategy: { matrix: { os: string[] } }; steps: Step[] }>;
}

const workflow = parse(readFileSync(projectPath('.github/workflows/release.yml'), 'utf8')) as Workflow;
const steps = () => Object.values(workflow.jobs).flatMap((job) => job.steps);
const stepRunning = (pattern: RegExp) => steps().filter((step) => pattern.test(step.run ?? ''));

/** It cannot run here; the same schema as CI's checks it, and these its promises. */
describe('.github/workflows/release.yml', () => {
  const validate = workflowValidator();

  it('is a valid GitHub Actions workflow', () => {
    validate(workflow);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('runs on a version tag only, for the three desktop systems', () => {
    expect(workflow.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+*'] } });
    const [job, ...others] = Object.values(workflow.jobs);
    expect(others).toEqual([]);
    expect(job?.strategy.matrix.os.sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(job?.['runs-on']).toBe('${{ matrix.os }}');
  });

  it('tests, then publishes the installers with their latest*.yml to the GitHub release, with only the rights that needs', () => {
    expect(workflow.permissions).toEqual({ contents: 'write' });
    const [test] = stepRunning(/^npm test$/mu);
    const publish = stepRunning(/electron-builder --publish always/u);
    expect(publish).toHaveLength(1);
    expect(steps().indexOf(test!)).toBeLessThan(steps().indexOf(publish[0]!));
    expect(publish[0]?.env?.GH_TOKEN).toBe('${{ secrets.GITHUB_TOKEN }}');
    // Beta tags become pre-releases, which only the beta channel follows.
    expect(publish[0]?.env?.EP_PRE_RELEASE).toBe("${{ contains(github.ref_name, '-') }}");
    expect(publish[0]?.env?.CSC_LINK).toContain('secrets.');
    expect(stepRunning(/package\.json[\s\S]*GITHUB_REF_NAME/u)).toHaveLength(1);
  });

  it('pins every action to a major version', () => {
    for (const step of steps().filter((candidate) => candidate.uses)) expect(step.uses).toMatch(/^[\w-]+\/[\w-]+@v\d+$/u);
  });
});
