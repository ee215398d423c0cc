import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from '../harness/axe';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { signInWithBrowser } from '../harness/system-browser';

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
    expect(await wcagViolations(page)).toEqual([]);
    await page.close();
  });

  it('the hand-back and consent pages meet WCAG 2 AA', async () => {
    await chromium.context.clearCookies();
    const first = await signInWithBrowser(chromium.context, { authorizeUrl: server.authorizeUrl({}), account: { email: user.email, password: user.password } });
    expect(await wcagViolations(first.page)).toEqual([]);
    await first.page.close();

    const consent = await chromium.context.newPage();
    await consent.goto(server.authorizeUrl({}));
    await consent.getByRole('button', { name: /^Continue to Latchkey as / }).waitFor();
    expect(await wcagViolations(consent)).toEqual([]);
    await consent.close();
  });
});
