// Runs the packaged app (from `electron-builder --dir`) with --self-test and exits with its code.
// CI calls it after packaging, so the real Electron binary proves the OS integrations the tests
// here can only check against a double. Usage: node scripts/dist-self-test.mjs [release folder]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const release = resolve(process.argv[2] ?? 'release');

/** Where electron-builder's `dir` target puts the executable, per OS (the folder names carry the
 * architecture when it is not x64, e.g. mac-arm64, linux-arm64-unpacked). */
function packagedExecutable() {
  if (!existsSync(release)) return null;
  const folders = readdirSync(release, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  const candidates = {
    darwin: folders.filter((name) => /^mac(-|$)/u.test(name)).map((name) => join(release, name, 'Latchkey.app', 'Contents', 'MacOS', 'Latchkey')),
    win32: folders.filter((name) => /^win-.*unpacked$/u.test(name)).map((name) => join(release, name, 'Latchkey.exe')),
    linux: folders.filter((name) => /^linux-.*unpacked$/u.test(name)).map((name) => join(release, name, 'latchkey')),
  }[process.platform] ?? [];
  return candidates.find((file) => existsSync(file)) ?? null;
}

const executable = packagedExecutable();
if (!executable) {
  console.error(`No packaged Latchkey for ${process.platform} under ${release}. Run \`npx electron-builder --dir\` first.`);
  process.exit(2);
}
console.error(`Self-test of ${executable}`);
const result = spawnSync(executable, ['--self-test'], { stdio: 'inherit', timeout: 120_000 });
if (result.error) {
  console.error(`The packaged app could not be started: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
