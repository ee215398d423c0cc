// The whole check, as CI runs it: type checks, the build, then every test. Ends with the line
// "N passed, N failed" that CI reads; a failed type check or build counts as a failure.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, relative } from 'node:path';

// On Windows the .bin entries are .cmd shims, which Node only starts through a shell.
const windows = process.platform === 'win32';
const bin = (name) => join('node_modules', '.bin', windows ? `${name}.cmd` : name);
let stepFailures = 0;
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A step that runs beside others: its output is kept and shown once it is done (`report`). Checks
 * that run beside the tests get a low priority, so the tests come first.
 */
function background(label, command, args, { priority = 10 } = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { shell: windows });
    try {
      if (priority !== 0) setPriority(child.pid, priority);
    } catch {
      // Not allowed here: it just competes with the tests on equal terms.
    }
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ label, ok: code === 0, output, ms: Date.now() - started }));
  });
}

/** Prints a finished step's output and time, or counts its failure; true when it passed. */
function report(check, note = '') {
  console.log(`\n▶ ${check.label}${note}`);
  if (check.output.trim()) console.log(check.output.trimEnd());
  if (check.ok) console.log(`  ${check.label}: ${seconds(check.ms)}`);
  else {
    console.log(`✗ ${check.label} failed`);
    stepFailures += 1;
  }
  return check.ok;
}

// The plugin package beside the build: the reference server and the tests import its built files,
// the app's bundles do not (the server's bundle keeps it external), so only the tests wait for it.
const pluginPackage = background('Plugin package', bin('tsc'), ['-p', join('packages', 'desktop-handoff', 'tsconfig.json')], { priority: 0 });
// svelte-check given the tsconfig type-checks its .ts files as well as the components ("errors
// from TypeScript and JavaScript files are reported", svelte-check's README, --tsconfig), so a
// separate `tsc --noEmit` would check every file twice on a machine with two cores.
// It reads the plugin package's types, so it starts once they are written.
const typeChecks = [pluginPackage.then(() => background('Type checks (svelte-check: .svelte and .ts)', bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings', '--threshold', 'warning']))];
const bundlesBuilt = report(await background('Build', bin('vite'), ['build', '--logLevel', 'warn'], { priority: 0 }));
const built = report(await pluginPackage) && bundlesBuilt;

let passed = 0;
let failed = 0;
if (built) {
  // Kept in test-results/ (ignored by git) so slow files can be found afterwards, and so the
  // next run can start the slowest files first (vitest.config.ts).
  mkdirSync('test-results', { recursive: true });
  const reportFile = join('test-results', 'vitest.json');
  await new Promise((resolve) => {
    spawn(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${reportFile}`, ...process.argv.slice(2)], {
      stdio: 'inherit',
      shell: windows,
    }).on('close', resolve);
  });
  try {
    const results = JSON.parse(readFileSync(reportFile, 'utf8'));
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
for (const check of await Promise.all(typeChecks)) report(check, ' (ran beside the tests)');
failed += stepFailures;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
