import type { TestUser } from './auth-server';
import type { Chromium } from './chromium';

/**
 * A phone: a browser of its own (no cookies shared with the computer) that opens the address in
 * the QR code, signs in on the server's device page and approves or denies. Resolves once the
 * page has said what it did.
 */
export async function decideOnPhone(
  phone: Chromium,
  address: string,
  user: TestUser,
  decision: 'approve' | 'deny',
  /** Runs as the person presses the button: the benchmark's start. */
  onDecide?: () => void,
): Promise<void> {
  const page = await phone.context.newPage();
  try {
    await page.goto(address);
    await page.getByRole('heading', { name: 'Sign in to continue to Latchkey' }).waitFor();
    await page.getByLabel('Email').first().fill(user.email);
    await page.getByLabel('Password').first().fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Sign in to Latchkey on your computer?' }).waitFor();
    const button = page.getByRole('button', { name: decision === 'approve' ? 'Sign in to Latchkey' : 'Deny' });
    await button.waitFor();
    onDecide?.();
    await button.click();
    if (decision === 'approve') {
      await page.getByRole('heading', { name: 'Latchkey is signing in' }).waitFor();
    } else {
      await page.getByRole('heading', { name: 'Sign-in denied' }).waitFor();
    }
  } finally {
    await page.context().clearCookies();
    await page.close();
  }
}
