import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wcagViolations } from '../harness/axe';
import { startAuthServer, type TestAuthServer, type TestUser } from '../harness/auth-server';
import { launchChromium, type Chromium } from '../harness/chromium';
import { totpCode } from './totp';

/** The reference server's account page, as its user would use it to protect the account. */
describe('the account page', () => {
  let server: TestAuthServer;
  let chromium: Chromium;
  let user: TestUser;
  beforeAll(async () => {
    [server, chromium] = await Promise.all([startAuthServer(), launchChromium()]);
    user = await server.createUser();
  });
  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('turns on an authenticator app with a QR code and backup codes shown once, and sign-in then asks for its code', async () => {
    const page = await chromium.context.newPage();
    await page.goto(`${server.url}/account`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${user.email}`).waitFor();
    await page.getByText('Off: your password alone signs you in.').waitFor();

    const turnOn = page.getByRole('form', { name: 'Turn on two-factor authentication' });
    await turnOn.getByLabel('Password').fill(user.password);
    await turnOn.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    const key = (await page.getByLabel('Setup key').textContent())!;
    const backupCodes = await page.getByRole('list', { name: 'Backup codes' }).getByRole('listitem').allTextContents();
    expect(backupCodes).toHaveLength(10);
    expect(await wcagViolations(page)).toEqual([]);
    const uri = `otpauth://totp/x?secret=${key}`;
    await page.getByLabel('Code from your authenticator app').fill(totpCode(uri));
    await page.getByRole('button', { name: 'Confirm and turn on' }).click();
    await page.getByText('On: signing in asks for a code from your authenticator app.').waitFor();
    // Shown once: the account page no longer has them.
    expect(await page.content()).not.toContain(backupCodes[0]!);

    // The desktop handoff now asks for the same app's code after the password.
    await chromium.context.clearCookies();
    const desktop = await chromium.context.newPage();
    await desktop.goto(server.authorizeUrl({}));
    const signIn = desktop.getByRole('form', { name: 'Sign in' });
    await signIn.getByLabel('Email').fill(user.email);
    await signIn.getByLabel('Password').fill(user.password);
    await signIn.getByLabel('Password').press('Enter');
    await desktop.getByLabel('Code from your authenticator app').fill(totpCode(uri));
    await desktop.getByLabel('Code from your authenticator app').press('Enter');
    await desktop.getByRole('button', { name: `Continue to Latchkey as ${user.email}` }).waitFor();
    await Promise.all([page.close(), desktop.close()]);
  });

  it('refuses a form posted from another site, with a page', async () => {
    const response = await fetch(`${server.url}/account/enable`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body: 'password=x',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(await response.text()).toContain('This form did not come from this page, so it was ignored.');
  });
});
