import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileName, themes, type Display, type GallerySession } from '../gallery/gallery';
import { serverSection } from '../gallery/server-section';

const root = fileURLToPath(new URL('../../', import.meta.url));
const shots = join(root, 'test-results/screenshots');
const axeSource = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the pages' CSP does not govern; once per page.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run(),
  );
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

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

  it.each(serverSection.shots.map((shot) => [shot.name, shot] as const))('%s: fits without sideways scrolling, axe clean', async (_name, shot) => {
    const { page, png } = await session.take(shot);
    writeFileSync(join(shots, fileName(shot, 'light').replace('.png', '-640@2x.png')), png);
    // The product's mark, with the product's name as its text alternative.
    await expect(page.getByRole('img', { name: 'Latchkey', exact: true }).isVisible()).resolves.toBe(true);
    for (const { label, viewport } of sizes) {
      await page.setViewportSize(viewport);
      for (const theme of themes) {
        await page.emulateMedia({ colorScheme: theme });
        expect(await sidewaysOverflow(page), `${label}, ${theme}: CSS px to scroll sideways`).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page), `${label}, ${theme}`).toEqual([]);
      }
    }
  });
});
