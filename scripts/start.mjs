// `npm start`: builds the app, starts the embedded development auth server unless
// LATCHKEY_SERVER_URL names another, waits until it is healthy, then runs Electron.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';

const bin = (name) => `node_modules/.bin/${name}`;
const build = spawnSync(bin('vite'), ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [];
const stopAll = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

let serverUrl = process.env.LATCHKEY_SERVER_URL;
if (!serverUrl) {
  const port = process.env.PORT ?? '4455';
  serverUrl = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['dist/server/cli.js'], { stdio: 'inherit', env: { ...process.env, PORT: port } });
  children.push(server);
  server.on('exit', (code) => {
    if (code) console.error(`The development auth server stopped (exit ${code}).`);
  });
  let healthy = false;
  for (let i = 0; i < 100 && !healthy; i += 1) {
    healthy = await fetch(`${serverUrl}/healthz`).then((response) => response.ok, () => false);
    if (!healthy) await sleep(100);
  }
  if (!healthy) {
    console.error(`The development auth server did not become healthy at ${serverUrl}.`);
    stopAll();
    process.exit(1);
  }
  console.log(`Development auth server ready at ${serverUrl}`);
}

let electronPath;
try {
  electronPath = createRequire(import.meta.url)('electron');
} catch (error) {
  console.error(
    `Electron could not be loaded (${error instanceof Error ? error.message : error}).\n` +
      'Its binary is downloaded on first use; this machine may not reach its download host.',
  );
  stopAll();
  process.exit(1);
}
const app = spawn(electronPath, ['.'], { stdio: 'inherit', env: { ...process.env, LATCHKEY_SERVER_URL: serverUrl } });
children.push(app);
app.on('exit', (code) => {
  stopAll();
  process.exit(code ?? 0);
});
