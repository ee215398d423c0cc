import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../harness/axe';
import { deviceCode, now, views } from '../components/views';
import { readQrCodeInPng } from '../harness/qr-reader';
import { launchChromium, type Chromium } from '../harness/chromium';
import { startPopoverRig } from '../harness/popover-rig';
import { blankRowsBelow, fileName, themes, type GallerySession } from '../gallery/gallery';
import { popoverSection } from '../gallery/popover-section';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = join(root, 'test-results/screenshots');
/** The gallery as `npm run screenshots` renders it, checked shot by shot while each page is live. */
describe.each(themes)('the popover screenshots in %s mode', (theme) => {
  let session: GallerySession;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await popoverSection.open(theme);
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(popoverSection.shots.map((shot) => [shot.name, shot] as const))('%s: under 24 px of blank space below the content, axe clean', async (_name, shot) => {
    const { png, page } = await session.take(shot);
    writeFileSync(join(shots, fileName(shot, theme)), png);
    expect(await blankRowsBelow(page, png), 'blank rows below the content').toBeLessThan(24);
    // Under forced colours the screen shows the user's own palette, not ours, so our colours' contrast
    // is not what a person sees; axe still measures it. Every other rule applies.
    const forced = shot.name.includes('forced-colours');
    expect((await seriousViolations(page)).filter((finding) => !(forced && finding.startsWith('color-contrast')))).toEqual([]);
    if (shot.name.startsWith('popover-device-')) expect(await readQrCodeInPng(page, png), 'the QR code in the screenshot leads to the page').toBe(deviceCode.complete);
  });
});

describe('the popover from the keyboard', () => {
  let chromium: Chromium;
  beforeAll(async () => {
    chromium = await launchChromium();
    await chromium.context.clock.setFixedTime(new Date(now));
  });
  afterAll(async () => {
    await chromium?.close();
  });

  it('reaches every control with Tab, in reading order, and Paste a code puts the cursor in the field', async () => {
    const rig = await startPopoverRig({ chromium, view: views.signingIn });
    try {
      const { page } = rig;
      const focused: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        await page.keyboard.press('Tab');
        focused.push(await page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''));
      }
      expect(focused).toEqual(['Paste a code', 'Use loopback instead', 'Sign in with another device', 'Cancel sign-in', 'Settings', 'Quit Latchkey']);
      for (let i = 0; i < 5; i += 1) await page.keyboard.press('Shift+Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Paste a code');
      await page.keyboard.press('Enter');
      const field = page.getByLabel('Sign-in code from your browser');
      await field.waitFor();
      await expect.poll(() => field.evaluate((element) => element === document.activeElement), { message: 'the field has the cursor' }).toBe(true);
      await page.keyboard.type('ABCD-1234');
      await page.keyboard.press('Enter');
      await page.getByText('Settings').focus();
      await page.keyboard.press('Space');
      await page.getByRole('checkbox', { name: 'Open at login' }).waitFor();
    } finally {
      rig.close();
    }
  });
});
