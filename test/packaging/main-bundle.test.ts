import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainBundleDir, stubbedMain } from '../harness/main-bundle-process';

/**
 * The built main bundle really loads: every import resolves and its top level runs. Electron is
 * replaced by the least it takes to reach the single-instance check; the "other instance" answer
 * makes the app forward and quit, as a second launch does.
 */
describe('the main bundle', () => {
  it('loads in Node with Electron stubbed, and quits as a second instance would', () => {
    expect(existsSync(join(mainBundleDir, 'main.js')), 'npm test builds dist/ first').toBe(true);
    const main = stubbedMain(
      `const calls = [];
       const app = {
         isPackaged: false,
         requestSingleInstanceLock() { calls.push('lock'); return false; },
         quit() { calls.push('quit'); },
         exit(code) { calls.push('exit:' + code); },
         on() {},
       };
       const protocol = {
         registerSchemesAsPrivileged(schemes) { calls.push('privileged:' + schemes.map((s) => s.scheme).join(',')); },
       };
       process.on('exit', () => console.log(JSON.stringify(calls)));
       export { app, protocol };
       export default { app, protocol };`,
    );
    try {
      const run = main.run();
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual(['privileged:app', 'lock', 'quit']);
    } finally {
      main.dispose();
    }
  });

  it('bundles electron-updater as electron-store is, but loads it only when updates are first checked', () => {
    const chunks = readdirSync(join(mainBundleDir, 'assets'));
    const updater = chunks.find((name) => name.startsWith('electron-updater-'));
    expect(updater, 'a chunk of its own').toBeDefined();
    const main = readFileSync(join(mainBundleDir, 'main.js'), 'utf8');
    // Dynamic only: a start evaluates none of it (the first check comes 30 s after the first view).
    expect(main).toContain(`import(\`./assets/${updater}\`)`);
    expect(main).not.toMatch(new RegExp(`from\\s*["'\`]\\./assets/${updater}`, 'u'));
    expect(readFileSync(join(mainBundleDir, 'assets', updater!), 'utf8')).toContain('Checking for update');
  });
});
