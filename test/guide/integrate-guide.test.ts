import { mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Chromium } from '../harness/chromium';
import { projectPath, projectRoot } from '../packaging/project';
import { totpCode } from '../server/totp';
import { codeBlocks, type CodeBlock } from './code-blocks';
import { carryOut, GuideProcess, shell, writeFile } from './guide-project';

/**
 * docs/integrate.md, section 1, done as a newcomer would: in an empty folder beside a Latchkey
 * checkout, every block as written (code-blocks.ts says how a block says what it is). Then the host
 * it builds is used the way the guide says: an account is turned to two-factor on the host's own
 * account page, openid-client signs in through the host's own sign-in page (second factor
 * included) and by device sign-in. The package README's code is type-checked beside it.
 */
const guideBlocks = codeBlocks(readFileSync(projectPath('docs/integrate.md'), 'utf8'), 'docs/integrate.md');
const readmeBlocks = codeBlocks(readFileSync(projectPath('packages/desktop-handoff/README.md'), 'utf8'), 'packages/desktop-handoff/README.md');
const work = mkdtempSync(join(tmpdir(), 'latchkey-guide-'));
const project = join(work, 'acme-auth');
const person = { name: 'Ada', email: 'ada@acme.test', password: 'correct horse battery staple' };
const running: GuideProcess[] = [];
let processes = new Map<string, string>();
let origin = '';
let env: NodeJS.ProcessEnv = {};
let chromium: Chromium | undefined;
/** The authenticator app's otpauth address, once the account has turned on its second factor. */
let totp = '';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function start(name: string, ...args: string[]): GuideProcess {
  const command = processes.get(name);
  if (!command) throw new Error(`docs/integrate.md has no \`\`\`sh process=${name} block`);
  const child = new GuideProcess([command, ...args].join(' '), project, env);
  running.push(child);
  return child;
}

/** The TypeScript files among some blocks, written into a folder of the project (its node_modules, its tsconfig). */
function writeTypeScript(blocks: readonly CodeBlock[], folder: string): void {
  for (const block of blocks) if (block.kind === 'file' && block.path.endsWith('.ts')) writeFile(join(project, folder), block.path, block.text);
}

beforeAll(async () => {
  // The guide says "a checkout of Latchkey, called ../latchkey": this repository is that checkout.
  symlinkSync(projectRoot, join(work, 'latchkey'), 'dir');
  mkdirSync(project);
  processes = await carryOut(guideBlocks, project);
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // Set in the environment, these win over the guide's .env (Node's --env-file keeps what is set).
  env = { PORT: String(port), BETTER_AUTH_URL: origin, BETTER_AUTH_TELEMETRY: '0' };
  chromium = await launchChromium();
}, 180_000);

afterAll(async () => {
  for (const child of running) child.stop();
  await chromium?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('docs/integrate.md, from an empty folder', () => {
  it('runs every block or marks it illustrative, and the packed tarball carries the README', () => {
    expect(guideBlocks.filter((block) => block.kind === 'file').map((block) => (block.kind === 'file' ? block.path : ''))).toEqual(
      expect.arrayContaining(['tsconfig.json', '.env', 'auth.ts', 'server.ts', 'pages/sign-in.ts', 'public/sign-in.html', 'pages/account.ts', 'try-sign-in.ts']),
    );
    expect([...processes.keys()].sort()).toEqual(['code-flow', 'device-flow', 'host']);
    const installed = join(project, 'node_modules/@latchkey/desktop-handoff');
    expect(readFileSync(join(installed, 'README.md'), 'utf8')).toBe(readFileSync(projectPath('packages/desktop-handoff/README.md'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as { peerDependencies: unknown; exports: Record<string, unknown> };
    expect(manifest.peerDependencies).toEqual({ 'better-auth': '^1.7.0' });
    expect(Object.keys(manifest.exports)).toEqual(['.', './client', './protocol', './package.json']);
    for (const entry of ['index', 'client', 'protocol']) for (const ext of ['js', 'd.ts']) expect(readFileSync(join(installed, `dist/${entry}.${ext}`), 'utf8')).not.toBe('');
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'))).toMatchObject({ type: 'module' });
  });

  it('type-checks the README’s code and the package’s types, and refuses a broken copy of the guide’s auth.ts', async () => {
    const auth = guideBlocks.find((block) => block.kind === 'file' && block.path === 'auth.ts')!;
    const broken = codeBlocks(readFileSync(projectPath('docs/integrate.md'), 'utf8').replace("signInPage: '/sign-in',", "signinPage: '/sign-in',"), 'a broken copy');
    expect(broken.find((block) => block.line === auth.line)).not.toEqual(auth);
    // One compiler run for both (BetterAuth's types are most of its time): only the broken copy may fail.
    writeTypeScript(readmeBlocks, 'readme');
    // The broken file and the one it imports: enough for the compiler to see it, and quick.
    writeTypeScript(broken.filter((block) => block.kind === 'file' && ['auth.ts', 'base-path.ts'].includes(block.path)), 'broken');
    // Misuse the package's types must refuse: with types missing or loose (any), these directives fail.
    writeFile(
      project,
      'types-hold/types-hold.ts',
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
    writeFile(project, 'tsconfig.checks.json', JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, include: ['readme/**/*.ts', 'broken/**/*.ts', 'types-hold/*.ts'] }));
    const refused = await shell('npx tsc -p tsconfig.checks.json', project).then(() => 'passed', (error: unknown) => String(error));
    const errors = [...refused.matchAll(/^(\S+)\(\d+,\d+\): error (TS\d+): .*$/gmu)].map(([line, file, code]) => ({ file, code, line }));
    expect(errors, refused).toEqual([{ file: 'broken/auth.ts', code: 'TS2561', line: expect.stringContaining("'signinPage'") }]);
  }, 60_000);

  it('starts the host with tsx, and an account turns on its second factor on the host’s own page', async () => {
    const host = start('host');
    await host.printed(new RegExp(`Listening on port ${new URL(origin).port}`, 'u'));
    // An account, made the way the guide says a host's product would.
    const signUp = await fetch(`${origin}/identity/sign-up/email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(person) });
    expect(signUp.status).toBe(200);
    const page = await chromium!.context.newPage();
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${origin}/account`);
    await expect.poll(() => page.locator('#who').textContent()).toBe(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    const uri = page.locator('#totp-uri');
    await uri.waitFor();
    totp = (await uri.textContent())!;
    expect(totp).toMatch(/^otpauth:\/\/totp\/Acme:/u);
    await page.getByLabel('Code from your authenticator app').fill(totpCode(totp));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Two-factor authentication is on.');
    await page.context().clearCookies();
    await page.close();
  }, 60_000);

  it('signs openid-client in through the host’s own sign-in page, second factor included', async () => {
    const client = start('code-flow');
    const [, address] = await client.printed(/Open (\S+)/u);
    expect(new URL(address!).origin).toBe(origin);
    const page = await chromium!.context.newPage();
    await page.goto(address!);
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.has('callbackURL'));
    await page.getByLabel('Email').fill(person.email);
    await page.getByLabel('Password').fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.getByLabel('Code from your authenticator app');
    await expect.poll(() => code.evaluate((field) => field === document.activeElement)).toBe(true);
    await code.fill(totpCode(totp));
    await page.getByRole('button', { name: 'Verify' }).click();
    const approve = page.getByRole('button', { name: `Continue to Acme Desk as ${person.email}` });
    await approve.waitFor();
    // The consent screen in the guide's brand: Acme's name beside its mark, its teal accent.
    expect(await page.getByRole('img', { name: 'Acme', exact: true }).isVisible()).toBe(true);
    expect(await approve.evaluate((button) => getComputedStyle(button).backgroundColor)).toBe('rgb(15, 118, 110)');
    await approve.click();
    await client.printed(new RegExp(`Signed in as ${person.email}`, 'u'));
    await expect.poll(() => page.textContent('body')).toBe('You can close this tab.');
    await page.close();
  }, 60_000);

  it('signs openid-client in by device sign-in, approved in the signed-in browser', async () => {
    const client = start('device-flow');
    const [, address, userCode] = await client.printed(/Open (\S+) and check that it shows (\S+)/u);
    const page = await chromium!.context.newPage();
    await page.goto(address!);
    // The page shows the code in two groups of four, as the app does.
    await expect.poll(async () => (await page.textContent('body'))?.replaceAll('-', '')).toContain(userCode!);
    await page.getByRole('button', { name: 'Sign in to Acme Desk' }).click();
    await client.printed(new RegExp(`Signed in as ${person.email}`, 'u'));
    await page.close();
  }, 60_000);
});

