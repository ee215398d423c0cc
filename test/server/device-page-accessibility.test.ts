import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from '../harness/axe';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { pollDeviceToken, requestDeviceCode } from './device-flow';

/** Whether the page fits its viewport without sideways scrolling. */
function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe.each(['light', 'dark'] as const)('the device page in %s mode, 320 px wide', (colorScheme) => {
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

  it('meets WCAG 2 AA on the code form and on a code that cannot go on', async () => {
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(`${server.url}/device`);
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByLabel('Code shown on your computer').fill('cdfh-jkmn');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('alert').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    await page.close();
  });

  it('meets WCAG 2 AA from the sign-in to the approval, and the approval goes through', async () => {
    const page = await chromium.context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    const { body: code } = await requestDeviceCode(server);
    await page.goto(code.verification_uri_complete);
    await page.getByRole('heading', { name: 'Sign in to continue to Latchkey' }).waitFor();
    await page.getByLabel('Email').first().fill(user.email);
    await page.getByLabel('Password').first().fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();

    await page.getByRole('heading', { name: 'Sign in to Latchkey on your computer?' }).waitFor();
    expect(await page.getByRole('note').textContent()).toContain('Only continue if you started this sign-in yourself on your computer.');
    expect(await wcagViolations(page)).toEqual([]);
    expect(await fitsWidth(page)).toBe(true);
    await page.getByRole('button', { name: 'Sign in to Latchkey' }).click();

    await page.getByRole('heading', { name: 'Latchkey is signing in' }).waitFor();
    expect(await wcagViolations(page)).toEqual([]);
    expect((await pollDeviceToken(server, code.device_code)).status).toBe(200);
    await page.close();
  });
});
