// The whole check, as CI runs it: type checks, the build, then every test. Ends with the line
// "N passed, N failed" that CI reads; a failed type check or build counts as a failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// On Windows the .bin entries are .cmd shims, which Node only starts through a shell.
const windows = process.platform === 'win32';
const bin = (name) => join('node_modules', '.bin', windows ? `${name}.cmd` : name);
let stepFailures = 0;

function step(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: windows });
  if (result.status !== 0) {
    console.log(`✗ ${label} failed`);
    stepFailures += 1;
    return false;
  }
  return true;
}

// The plugin package first: the app, the reference server and the tests import its built files.
step('Plugin package', bin('tsc'), ['-p', join('packages', 'desktop-handoff', 'tsconfig.json')]);
step('TypeScript', bin('tsc'), ['--noEmit', '-p', '.']);
step('svelte-check', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings', '--threshold', 'warning']);
const built = step('Build', bin('vite'), ['build', '--logLevel', 'warn']);

let passed = 0;
let failed = 0;
if (built) {
  // Kept in test-results/ (ignored by git) so slow files can be found afterwards.
  mkdirSync('test-results', { recursive: true });
  const report = join('test-results', 'vitest.json');
  spawnSync(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
    stdio: 'inherit',
    shell: windows,
  });
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed = results.numPassedTests;
    failed = results.numFailedTests;
    // A file that fails to load reports no failed test; count it so it cannot pass silently.
    failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
  } catch {
    console.log('✗ the test run wrote no report');
    failed += 1;
  }
}
failed += stepFailures;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
