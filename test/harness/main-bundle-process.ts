import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built main bundle (and the chunks it loads later), as `npm run build` leaves it. */
export const mainBundleDir = fileURLToPath(new URL('../../dist/main/', import.meta.url));

export interface StubbedMain {
  /** Runs `main.js`, or with `source` an ES module of that text in its place, in a fresh Node. */
  run(source?: string): SpawnSyncReturns<string>;
  dispose(): void;
}

/**
 * The built main bundle in a fresh Node, with `electron` answered by `electronStub` (the source of
 * an ES module). Inside Electron, `electron` is built in; here a copy of the bundle sits next to a
 * node_modules/electron holding the stub, so Node resolves it with no loader hook to start first.
 */
export function stubbedMain(electronStub: string): StubbedMain {
  const dir = mkdtempSync(join(tmpdir(), 'latchkey-main-bundle-'));
  const app = join(dir, 'app');
  cpSync(mainBundleDir, app, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const electron = join(dir, 'node_modules', 'electron');
  mkdirSync(electron, { recursive: true });
  writeFileSync(join(electron, 'package.json'), JSON.stringify({ name: 'electron', type: 'module', exports: './index.js' }));
  writeFileSync(join(electron, 'index.js'), electronStub);
  return {
    run(source) {
      let entry = join(app, 'main.js');
      if (source !== undefined) {
        entry = join(app, 'other-main.js');
        writeFileSync(entry, source);
      }
      return spawnSync(process.execPath, [entry], { encoding: 'utf8', timeout: 20_000 });
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
