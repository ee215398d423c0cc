import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { projectPath, projectRoot, readProjectJson } from './project';

const run = promisify(execFile);

const allowListSchema = z.object({
  $comment: z.string().optional(),
  entries: z.array(
    z
      .object({
        check: z.string().regex(/^[A-Z0-9_]+$/u, 'is an electronegativity check id such as OPEN_EXTERNAL_JS_CHECK'),
        file: z.string().min(1),
        reason: z.string().trim().min(60, 'must say why the finding is safe, in a sentence or two'),
      })
      .strict(),
  ),
});

const findingSchema = z.object({
  check: z.string(),
  file: z.string(),
  line: z.number(),
  severity: z.string(),
  confidence: z.string(),
  sample: z.string().optional(),
});
const scanSchema = z.object({
  checks: z.number(),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  findings: z.array(findingSchema),
});
type Finding = z.infer<typeof findingSchema>;

/** Electronegativity reads the version from package.json only for apps that depend on electron
 * at run time; ours is a devDependency, so the version is passed explicitly. */
const electronVersion = readProjectJson<{ version: string }>('node_modules/electron/package.json').version;

async function scan(folder: string) {
  const { stdout } = await run(
    process.execPath,
    [projectPath('test/packaging/fixtures/run-electronegativity.cjs'), folder, electronVersion, 'AvailableSecurityFixesGlobalCheck'],
    { cwd: projectRoot, timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
  );
  return scanSchema.parse(JSON.parse(stdout));
}

/**
 * Pairs each finding with one allow-list entry for the same check and file. An entry whose file
 * is gone is not counted stale: files move between commits, and an entry for code that is not
 * there yet (a reviewed change still in progress) justifies nothing until it lands.
 */
function review(findings: Finding[], entries: z.infer<typeof allowListSchema>['entries']) {
  const unused = entries.filter((entry) => existsSync(projectPath('src', entry.file)));
  const unjustified: Finding[] = [];
  for (const finding of findings) {
    const index = unused.findIndex((entry) => entry.check === finding.check && entry.file === finding.file);
    if (index === -1) unjustified.push(finding);
    else unused.splice(index, 1);
  }
  return { unjustified, stale: unused };
}

describe('electronegativity over src/', () => {
  let result: z.infer<typeof scanSchema>;
  beforeAll(async () => {
    result = await scan('src');
  }, 40_000);

  it('parses every file it scans', () => {
    expect(result.errors.filter((error) => !error.tolerable)).toEqual([]);
    expect(result.checks).toBeGreaterThan(30);
  });

  it('finds nothing that the reviewed allow-list does not justify, and the list has no stale entry', () => {
    const allowList = allowListSchema.parse(readProjectJson('test/packaging/electronegativity-allowlist.json'));
    const { unjustified, stale } = review(result.findings, allowList.entries);
    expect(
      unjustified.map((finding) => `${finding.check} in src/${finding.file}:${finding.line}: ${finding.sample ?? ''}`),
      'fix these, or add a reviewed entry (check, file, reason) to test/packaging/electronegativity-allowlist.json',
    ).toEqual([]);
    expect(
      stale.map((entry) => `${entry.check} in src/${entry.file}`),
      'these allow-list entries match no finding in their file any more: remove them',
    ).toEqual([]);
  });
});

describe('the electronegativity scan itself', () => {
  it('does flag an insecure window, so a clean result means something', async () => {
    const { findings } = await scan('test/packaging/fixtures/insecure-window');
    const checks = findings.map((finding) => finding.check);
    expect(checks).toEqual(expect.arrayContaining(['NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK']));
  }, 40_000);

  it('reports an allow-list entry that is missing a reason', () => {
    const parsed = allowListSchema.safeParse({ entries: [{ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'main/x.ts', reason: 'ok' }] });
    expect(parsed.success).toBe(false);
  });
});
