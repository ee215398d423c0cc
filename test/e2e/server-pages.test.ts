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
  // Evaluated through the DevTools protocol, which the pages' CSP does not govern.
  await page.evaluate(axeSource);
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
 * The displays every page must work on. 320 CSS px is WCAG 1.4.10's reflow width. 200 % zoom:
 * browser zoom divides the CSS viewport by the zoom factor and multiplies device pixels per CSS
 * pixel by it, so a 1280 × 720 window at 200 % lays pages out in 640 × 360 CSS px at a device
 * scale factor of 2. That is exactly this context; CSS `zoom` would instead scale one element
 * inside an unchanged viewport, which is not what a person zooming sees.
 */
const displays: readonly [string, Display][] = [
  ['320 px wide', { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 }],
  ['200 % zoom (1280 × 720)', { viewport: { width: 640, height: 360 }, deviceScaleFactor: 2 }],
];

describe.each(themes.flatMap((theme) => displays.map(([label, display]) => [theme, label, display] as const)))('the server pages in %s mode at %s', (theme, label, display) => {
  let session: GallerySession;
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    session = await serverSection.open(theme, display);
  });
  afterAll(async () => {
    await session?.close();
  });

  it.each(serverSection.shots.map((shot) => [shot.name, shot] as const))('%s: fits without sideways scrolling, axe clean', async (_name, shot) => {
    const { png, page } = await session.take(shot);
    writeFileSync(join(shots, fileName(shot, theme).replace('.png', `-${display.viewport.width}.png`)), png);
    expect(await sidewaysOverflow(page), `${label}: CSS px to scroll sideways`).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
