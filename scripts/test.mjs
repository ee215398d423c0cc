// The whole check, as CI runs it: type checks, the build, then every test. Ends with the line
// "N passed, N failed" that CI reads; a failed type check or build counts as a failure.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, relative } from 'node:path';

// On Windows the .bin entries are .cmd shims, which Node only starts through a shell.
const windows = process.platform === 'win32';
const bin = (name) => join('node_modules', '.bin', windows ? `${name}.cmd` : name);
let stepFailures = 0;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function step(label, command, args) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', shell: windows });
  if (result.status !== 0) {
    console.log(`✗ ${label} failed`);
    stepFailures += 1;
    return false;
  }
  console.log(`  ${label}: ${seconds(Date.now() - started)}`);
  return true;
}

/**
 * A check that runs beside the build and the tests, at low priority so the tests come first: its
 * output is kept and shown once it is done, and it counts as a failure like any step.
 */
function background(label, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { shell: windows });
    try {
      setPriority(child.pid, 10);
    } catch {
      // Not allowed here: it just competes with the tests on equal terms.
    }
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ label, ok: code === 0, output, ms: Date.now() - started }));
  });
}

// The plugin package first: the app, the reference server and the tests import its built files.
step('Plugin package', bin('tsc'), ['-p', join('packages', 'desktop-handoff', 'tsconfig.json')]);
const typeChecks = [
  background('TypeScript', bin('tsc'), ['--noEmit', '-p', '.']),
  background('svelte-check', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings', '--threshold', 'warning']),
];
const built = step('Build', bin('vite'), ['build', '--logLevel', 'warn']);

let passed = 0;
let failed = 0;
if (built) {
  // Kept in test-results/ (ignored by git) so slow files can be found afterwards, and so the
  // next run can start the slowest files first (vitest.config.ts).
  mkdirSync('test-results', { recursive: true });
  const report = join('test-results', 'vitest.json');
  await new Promise((resolve) => {
    spawn(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
      stdio: 'inherit',
      shell: windows,
    }).on('close', resolve);
  });
  try {
    const results = JSON.parse(readFileSync(report, 'utf8'));
    passed = results.numPassedTests;
    failed = results.numFailedTests;
    // A file that fails to load reports no failed test; count it so it cannot pass silently.
    failed += results.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0).length;
    const slowest = results.testResults
      .map((file) => ({ name: relative(process.cwd(), file.name), ms: file.endTime - file.startTime }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10);
    console.log('\nThe ten slowest test files:');
    for (const file of slowest) console.log(`  ${seconds(file.ms).padStart(8)}  ${file.name}`);
  } catch {
    console.log('✗ the test run wrote no report');
    failed += 1;
  }
}
for (const check of await Promise.all(typeChecks)) {
  console.log(`\n▶ ${check.label} (ran beside the tests)`);
  if (check.output.trim()) console.log(check.output.trimEnd());
  if (check.ok) console.log(`  ${check.label}: ${seconds(check.ms)}`);
  else {
    console.log(`✗ ${check.label} failed`);
    stepFailures += 1;
  }
}
failed += stepFailures;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
