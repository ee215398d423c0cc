import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pkcePair } from '../harness/auth-server';
import { projectPath } from '../packaging/project';
import { handedBack, hiddenField, HttpBrowser } from './http-flow';

/**
 * docs/integrate.md, step 1, done as a developer would: pack the plugin, install the tarball and
 * BetterAuth (nothing else) into an empty project, type-check the guide's own files against the
 * installed types, run them, and sign in through the handoff.
 */
const run = promisify(execFile);
const windows = process.platform === 'win32';
const work = mkdtempSync(join(tmpdir(), 'latchkey-package-'));
const host = join(work, 'host');
const betterAuthVersion = (JSON.parse(readFileSync(projectPath('node_modules/better-auth/package.json'), 'utf8')) as { version: string }).version;
let server: ChildProcess | undefined;
let origin = '';

/** The guide's code blocks that name their file on their first line (`// auth.ts`). */
function guideFiles(): Record<string, string> {
  const guide = readFileSync(projectPath('docs/integrate.md'), 'utf8');
  const files: Record<string, string> = {};
  for (const match of guide.matchAll(/```ts\n\/\/ ([a-z-]+\.ts)\n([\s\S]*?)```/gu)) files[match[1]!] = match[2]!;
  return files;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, shell: windows, env: { ...process.env, npm_config_update_notifier: 'false' } });
  return stdout;
}

beforeAll(async () => {
  // npm pack runs the package's prepack build, so the tarball holds fresh JavaScript and types.
  await npm(['pack', '--pack-destination', work, '--silent'], projectPath('packages/desktop-handoff'));
  const tarball = join(work, 'latchkey-desktop-handoff-0.1.0.tgz');
  mkdirSync(host);
  writeFileSync(join(host, 'package.json'), JSON.stringify({ name: 'acme-auth', private: true, type: 'module' }));
  await npm(['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', `better-auth@${betterAuthVersion}`, tarball], host);
  for (const [name, text] of Object.entries(guideFiles())) writeFileSync(join(host, name), text);
  // Misuse the types must refuse: with types missing or broken (any), these directives fail tsc.
  writeFileSync(
    join(host, 'types-hold.ts'),
    [
      "import { desktopHandoff } from '@latchkey/desktop-handoff';",
      "import { desktopHandoffClient } from '@latchkey/desktop-handoff/client';",
      '// @ts-expect-error clients is a list of clients',
      "desktopHandoff({ clients: 'acme-desk' });",
      '// @ts-expect-error the page path is a string',
      'desktopHandoffClient({ authorizePagePath: 42 });',
      "export const back: string | null = desktopHandoffClient().getActions().desktopHandoff.returnAddress('');",
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(host, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        outDir: 'out',
        // Node's own types come from this repository: the host project installs only the two packages.
        types: ['node'],
        typeRoots: [projectPath('node_modules/@types')],
        skipLibCheck: true,
      },
      include: ['*.ts'],
    }),
  );
}, 240_000);

afterAll(async () => {
  server?.kill();
  rmSync(work, { recursive: true, force: true });
});

describe('the plugin as an npm package', () => {
  it('holds built JavaScript and types for each entry, and names BetterAuth as a peer', () => {
    const manifest = JSON.parse(readFileSync(join(host, 'node_modules/@latchkey/desktop-handoff/package.json'), 'utf8')) as Record<string, any>;
    expect(manifest.peerDependencies).toEqual({ 'better-auth': '^1.7.0' });
    expect(Object.keys(manifest.exports)).toEqual(['.', './client', './protocol', './package.json']);
    for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/client.js', 'dist/client.d.ts', 'dist/protocol.js', 'dist/protocol.d.ts']) {
      expect(readFileSync(join(host, 'node_modules/@latchkey/desktop-handoff', file), 'utf8').length).toBeGreaterThan(0);
    }
    expect(Object.keys(JSON.parse(readFileSync(join(host, 'package.json'), 'utf8')).dependencies)).toEqual(['@latchkey/desktop-handoff', 'better-auth']);
  });

  it('type-checks the guide’s host files against the installed package', async () => {
    expect(Object.keys(guideFiles()).sort()).toEqual(['auth.ts', 'server.ts']);
    await run(process.execPath, [projectPath('node_modules/typescript/bin/tsc'), '-p', host]);
  }, 120_000);

  it('signs in through the handoff, and offers device sign-in, on the host the guide builds', async () => {
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [join(host, 'out', 'server.js')], {
      cwd: host,
      env: { ...process.env, PORT: String(port), BETTER_AUTH_URL: origin, BETTER_AUTH_SECRET: 'a-host-secret-of-at-least-thirty-two-chars', BETTER_AUTH_TELEMETRY: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    server = child;
    // The guide's server prints its line once its migrations are done and the port is open.
    await new Promise<void>((resolve, reject) => {
      let printed = '';
      child.stdout.on('data', (chunk: Buffer) => {
        printed += chunk.toString('utf8');
        if (printed.includes(`Listening on port ${port}`)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`The guide's server exited (${code}) before listening`)));
    });
    const { verifier, challenge } = pkcePair();
    const query = new URLSearchParams({ response_type: 'code', client_id: 'acme-desk', redirect_uri: 'com.acme.desk:/auth/callback', state: 'st', code_challenge: challenge, code_challenge_method: 'S256' });
    const page = await fetch(`${origin}/desktop/authorize?${query}`);
    expect(page.status).toBe(200);
    const person = { name: 'Ada', email: 'ada@acme.test', password: 'correct horse battery' };
    expect((await fetch(`${origin}/api/auth/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(person) })).status).toBe(200);
    const browser = new HttpBrowser(origin);
    const signIn = await browser.request('/api/auth/desktop/sign-in', { method: 'POST', form: { authorize_query: query.toString(), email: person.email, password: person.password } });
    expect(signIn.status).toBe(303);
    const consent = await (await browser.request(signIn.headers.get('location')!)).text();
    const decide = await browser.request('/api/auth/desktop/decide', { method: 'POST', form: { authorize_query: hiddenField(consent, 'authorize_query'), csrf: hiddenField(consent, 'csrf'), decision: 'approve' } });
    const callback = new URL(await handedBack(decide));
    const token = await fetch(`${origin}/api/auth/desktop/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'authorization_code', code: callback.searchParams.get('code'), code_verifier: verifier, redirect_uri: 'com.acme.desk:/auth/callback', client_id: 'acme-desk' }),
    });
    expect(token.status).toBe(200);
    expect(((await token.json()) as { user: { email: string } }).user.email).toBe(person.email);
    expect(callback.searchParams.get('iss')).toBe(origin);
    const metadata = (await (await fetch(`${origin}/.well-known/oauth-authorization-server`)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ issuer: origin, token_endpoint: `${origin}/api/auth/desktop/token`, authorization_response_iss_parameter_supported: true });

    // Device sign-in, as the guide adds it: a code for the host's client, its page at the origin's /device.
    expect(metadata).toMatchObject({ device_authorization_endpoint: `${origin}/api/auth/device/code`, desktop_device_verification_uri: `${origin}/device` });
    const code = await fetch(`${origin}/api/auth/device/code`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=acme-desk' });
    const { verification_uri_complete: link } = (await code.json()) as { verification_uri_complete: string };
    const devicePage = await browser.request(new URL(link).pathname + new URL(link).search);
    expect([devicePage.status, await devicePage.text()]).toEqual([200, expect.stringContaining('Sign in to Acme Desk on your computer?')]);
  });
});
