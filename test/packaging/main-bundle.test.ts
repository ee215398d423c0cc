import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../../dist/main/main.js', import.meta.url));

/**
 * The built main bundle really loads: every import resolves and its top level runs. Electron is
 * replaced by a module-loader hook with the least it takes to reach the single-instance check; the
 * "other instance" answer makes the app forward and quit, as a second launch does.
 */
describe('the main bundle', () => {
  it('loads in Node with Electron stubbed, and quits as a second instance would', () => {
    expect(existsSync(main), 'npm test builds dist/ first').toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'latchkey-main-bundle-'));
    try {
      const stub = join(dir, 'electron-stub.mjs');
      writeFileSync(
        stub,
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
      const hooks = join(dir, 'hooks.mjs');
      writeFileSync(
        hooks,
        `export async function resolve(specifier, context, next) {
           if (specifier === 'electron') return { url: ${JSON.stringify(pathToFileURL(stub).href)}, shortCircuit: true };
           return next(specifier, context);
         }`,
      );
      const register = join(dir, 'register.mjs');
      writeFileSync(register, `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`);
      const run = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, main], { encoding: 'utf8', timeout: 20_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual(['privileged:app', 'lock', 'quit']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
