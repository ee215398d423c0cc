import { extractFile, listPackage } from '@electron/asar';
import { getCurrentFuseWire } from '@electron/fuses';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { projectPath, projectRoot } from './project';
import { fuseOff, fuseOn, writeStubElectronDist } from './stub-electron';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'latchkey-packaging-'));
const output = join(work, 'release');
const cache = join(work, 'cache');
const appDir = join(output, 'linux-unpacked');
const asarPath = join(appDir, 'resources', 'app.asar');

/** The app's three bundles as the asar names them ("/dist/main/main.js"); whatever else the
 * build writes under dist/ (the development auth server, for one) stays out of the app. */
const appBundles = ['main', 'preload', 'renderer'];

function builtFiles(): string[] {
  return appBundles.flatMap((bundle) =>
    readdirSync(projectPath('dist', bundle), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${relative(projectRoot, join(entry.parentPath, entry.name)).split(sep).join('/')}`)
      .filter((file) => !file.endsWith('.map')),
  );
}

beforeAll(async () => {
  if (!existsSync(projectPath('dist/main/main.js'))) throw new Error('dist/ is missing: run `npx vite build` (npm test builds first)');
  const electronDist = writeStubElectronDist(join(work, 'electron-dist'));
  // Through Node rather than node_modules/.bin, which holds a .cmd shim on Windows.
  await run(
    process.execPath,
    [
      projectPath('node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
      '-c.afterPack=./test/packaging/fixtures/write-desktop-entry.cjs',
    ],
    // An empty cache of its own: anything electron-builder downloaded would land there.
    { cwd: projectRoot, env: { ...process.env, ELECTRON_BUILDER_CACHE: cache, CI: 'true' }, timeout: 50_000 },
  );
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the packaged app (electron-builder --linux dir)', () => {
  it('holds exactly the built bundles and package.json: no sources, tests, source maps or .env', () => {
    const files = packedFiles();
    expect(files.sort()).toEqual([...builtFiles(), '/package.json'].sort());
    for (const file of files) {
      expect(file, `${file} must not ship`).not.toMatch(/\.(map|ts|svelte)$|(^|\/)\.env|^\/(src|test|node_modules|scripts)\//u);
    }
    expect(existsSync(`${asarPath}.unpacked`), 'nothing is unpacked beside the asar').toBe(false);
  });

  it('ships a package.json that starts the bundled main process and carries no development details', () => {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<string, unknown>;
    expect(manifest.main).toBe('dist/main/main.js');
    expect(listPackage(asarPath, { isPack: false })).toContain('/dist/main/main.js');
    expect(manifest.desktopName).toBe('latchkey.desktop');
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
  });

  it('has the fuses burnt into the executable', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'latchkey'));
    expect({
      runAsNode: wire[0],
      enableCookieEncryption: wire[1],
      enableNodeOptionsEnvironmentVariable: wire[2],
      enableNodeCliInspectArguments: wire[3],
      enableEmbeddedAsarIntegrityValidation: wire[4],
      onlyLoadAppFromAsar: wire[5],
      grantFileProtocolExtraPrivileges: wire[7],
    }).toEqual({
      runAsNode: fuseOff,
      enableCookieEncryption: fuseOn,
      enableNodeOptionsEnvironmentVariable: fuseOff,
      enableNodeCliInspectArguments: fuseOff,
      enableEmbeddedAsarIntegrityValidation: fuseOn,
      onlyLoadAppFromAsar: fuseOn,
      grantFileProtocolExtraPrivileges: fuseOff,
    });
  });

  it('gives Linux a desktop entry that handles our scheme and passes the callback URL on', () => {
    const entry = readFileSync(join(output, 'desktop-entry.txt'), 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\n/u);
    expect(entry).toContain(`\nMimeType=x-scheme-handler/${defaultConfig.scheme};\n`);
    expect(entry).not.toContain(`x-scheme-handler/${defaultConfig.developmentScheme};`);
    expect(entry).toMatch(/\nExec=\S*latchkey %U\n/u);
    expect(entry).toContain('\nStartupWMClass=latchkey\n');
  });

  it('ships the tray icons beside the asar, where the packaged app looks for them', () => {
    const filesUnder = (folder: string) =>
      existsSync(folder)
        ? readdirSync(folder, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
            .sort()
        : [];
    expect(filesUnder(join(appDir, 'resources', 'static', 'tray'))).toEqual(filesUnder(projectPath('static', 'tray')));
    expect(filesUnder(join(appDir, 'resources', 'static')).filter((file) => !file.startsWith('tray/'))).toEqual([]);
  });

  it('carries the update feed where electron-updater reads it: resources/app-update.yml', () => {
    const feed = readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8');
    expect(feed).toMatch(/^provider: github$/mu);
    expect(feed).toMatch(/^owner: latchkey-dev$/mu);
    expect(feed).toMatch(/^repo: latchkey$/mu);
    expect(feed).toMatch(/^updaterCacheDirName: \S+$/mu);
  });

  it('downloaded nothing', () => {
    expect(existsSync(cache) ? readdirSync(cache, { recursive: true }) : []).toEqual([]);
  });
});

/** The files in the asar; listPackage names folders too, and a folder is what other entries live under. */
function packedFiles(): string[] {
  const entries = listPackage(asarPath, { isPack: false });
  return entries.filter((entry) => !entries.some((other) => other.startsWith(`${entry}/`)));
}
