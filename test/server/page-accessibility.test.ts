import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { signInWithBrowser } from '../harness/system-browser';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A/AA findings for the page, as "rule: first target" lines. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the pages' CSP does not govern.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  });
  return result.violations.map((violation) => `${violation.id}: ${violation.nodes[0]?.target.join(' ')}`);
}

describe.each(['light', 'dark'] as const)('the pages in %s mode', (colorScheme) => {
  let server: TestAuthServer;
  let chromium: Chromium;
  let user: TestUser;
  beforeAll(async () => {
    [server, chromium] = await Promise.all([startAuthServer(), launchChromium({ colorScheme })]);
    user = await server.createUser();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it.each([
    ['sign-in', (server: TestAuthServer) => server.authorizeUrl({})],
    ['create-account', (server: TestAuthServer) => `${server.authorizeUrl({})}&prompt=create`],
    ['error', (server: TestAuthServer) => server.authorizeUrl({ client_id: 'unknown' })],
  ])('the %s page meets WCAG 2 AA', async (_name, url) => {
    const page = await chromium.context.newPage();
    await page.goto(url(server));
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('the hand-back and consent pages meet WCAG 2 AA', async () => {
    await chromium.context.clearCookies();
    const first = await signInWithBrowser(chromium.context, { authorizeUrl: server.authorizeUrl({}), account: { email: user.email, password: user.password } });
    expect(await axeViolations(first.page)).toEqual([]);
    await first.page.close();

    const consent = await chromium.context.newPage();
    await consent.goto(server.authorizeUrl({}));
    await consent.getByRole('button', { name: /^Continue to Latchkey as / }).waitFor();
    expect(await axeViolations(consent)).toEqual([]);
    await consent.close();
  });
});
