import type { Page } from 'playwright-core';

export type Theme = 'light' | 'dark';
export const themes: readonly Theme[] = ['light', 'dark'];

/** One picture of the product, taken in both themes. */
export interface Shot {
  /** The file's name without theme and extension, e.g. `popover-signed-in` → `popover-signed-in-dark.png`. */
  name: string;
  /** The state it shows, as the section names its states (the view model's status for the popover). */
  state: string;
  /** What it shows, for the README's alt text. */
  alt: string;
}

/** A screenshot as taken, with the live page it was taken from, for checks while it is still open. */
export interface Taken {
  png: Buffer;
  page: Page;
}

/** A section open in one theme: shots are taken one at a time, in the section's order. */
export interface GallerySession {
  take(shot: Shot): Promise<Taken>;
  close(): Promise<void>;
}

/**
 * How a section is shown: its viewport in CSS pixels and device pixels per CSS pixel. The gallery
 * uses each section's own default; the accessibility tests also open it narrow and zoomed.
 */
export interface Display {
  viewport: { width: number; height: number };
  deviceScaleFactor: number;
}

/**
 * A part of the product with screens: the popover today, the server's pages later. Each section
 * renders its shots with the same harness its tests use, so no picture is staged by hand.
 */
export interface GallerySection {
  name: string;
  /** Every state the section has; a test fails when one has no shot. */
  states: readonly string[];
  shots: readonly Shot[];
  open(theme: Theme, display?: Display): Promise<GallerySession>;
}

export const fileName = (shot: Shot, theme: Theme) => `${shot.name}-${theme}.png`;

/**
 * Rows of background below the lowest painted pixel of a screenshot: the empty space a user sees
 * under the content. Decoded in Chromium (no image library needed); the background is the colour
 * of the bottom-left pixel, and anything more than a few levels away from it counts as content.
 */
export async function blankRowsBelow(page: Page, png: Buffer): Promise<number> {
  const scratch = await page.context().newPage();
  try {
    return await scratch.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, image.width, image.height);
      const at = (x: number, y: number) => (y * width + x) * 4;
      const background = data.slice(at(0, height - 1), at(0, height - 1) + 3);
      for (let y = height - 1; y >= 0; y -= 1) {
        for (let x = 0; x < width; x += 1) {
          const i = at(x, y);
          const distance = Math.abs(data[i]! - background[0]!) + Math.abs(data[i + 1]! - background[1]!) + Math.abs(data[i + 2]! - background[2]!);
          if (distance > 12) return height - 1 - y;
        }
      }
      return height;
    }, png.toString('base64'));
  } finally {
    await scratch.close();
  }
}
