import jsQR from 'jsqr';
import type { Locator } from 'playwright-core';

/**
 * Reads a QR code the way a phone's camera does: from the rendered pixels. The element is
 * screenshotted, the PNG decoded in Chromium (no image library needed) and the pixels handed to
 * jsQR. Resolves with the text, or null when no QR code can be read there.
 */
export async function readQrCode(element: Locator): Promise<string | null> {
  const png = await element.screenshot();
  const page = await element.page().context().newPage();
  try {
    const { width, height, pixels } = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      // A margin of white around the shot, as the page around a printed code gives a camera.
      const margin = 16;
      canvas.width = image.width + 2 * margin;
      canvas.height = image.height + 2 * margin;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#fff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, margin, margin);
      const data = context.getImageData(0, 0, canvas.width, canvas.height);
      return { width: data.width, height: data.height, pixels: Array.from(data.data) };
    }, png.toString('base64'));
    return jsQR(Uint8ClampedArray.from(pixels), width, height)?.data ?? null;
  } finally {
    await page.close();
  }
}
