import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../harness/axe';
import { fileName, themes, type Display, type GallerySession } from '../gallery/gallery';
import { serverSection, serverShots } from '../gallery/server-section';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = join(root, 'test-results/screenshots');
/** Content wider than the window: what a person would have to scroll sideways to read. */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/**
 * The sizes every page must work at, in one browser context at 2 device pixels per CSS pixel.
 * 200 % zoom: browser zoom divides the CSS viewport by the zoom factor and multiplies the device
 * pixels per CSS pixel by it, so a 1280 × 720 window at 200 % lays pages out in 640 × 360 CSS px
 * at a device scale factor of 2, which is exactly this context at 640 × 360. (CSS `zoom` would
 * scale the page inside an unchanged viewport instead, which is not what a person zooming sees.)
 * 320 CSS px is WCAG 1.4.10's reflow width, here as a 2× phone (a 640-pixel-wide screen).
 */
const zoomed: Display = { viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 };
const sizes = [
  { label: '200 % zoom (1280 × 720 window)', viewport: zoomed.viewport },
  { label: '320 px wide', viewport: { width: 320, height: 640 } },
] as const;

describe('every server page, at 320 px and at 200 % zoom, in light and dark', () => {
  let session: GallerySession;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await serverSection.open('light', zoomed);
  });
  afterAll(async () => {
    await session?.close();
  });

  describe.each(serverSection.shots.map((shot) => [shot.name, shot] as const))('%s', (_name, shot) => {
    let page: Page;
    beforeAll(async () => {
      const taken = await session.take(shot);
      page = taken.page;
      writeFileSync(join(shots, fileName(shot, 'light').replace('.png', '-640@2x.png')), taken.png);
    });

    it('carries the product’s mark (or the host’s), with its name as its text alternative', async () => {
      const name = serverShots.find((each) => each.name === shot.name)?.brand ?? 'Latchkey';
      expect(await page.getByRole('img', { name, exact: true }).isVisible()).toBe(true);
    });

    it.each(sizes)('at $label: fits without sideways scrolling, axe clean in both themes', async ({ label, viewport }) => {
      await page.setViewportSize(viewport);
      for (const theme of themes) {
        await page.emulateMedia({ colorScheme: theme });
        expect(await sidewaysOverflow(page), `${label}, ${theme}: CSS px to scroll sideways`).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page), `${label}, ${theme}`).toEqual([]);
      }
    });
  });
});
