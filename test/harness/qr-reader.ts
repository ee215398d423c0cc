import jsQR from 'jsqr';
import type { Locator, Page } from 'playwright-core';

/**
 * Reads a QR code the way a phone's camera does: from the rendered pixels. The element is
 * screenshotted, the PNG decoded in Chromium (no image library needed) and the pixels handed to
 * jsQR. Resolves with the text, or null when no QR code can be read there.
 */
export async function readQrCode(element: Locator): Promise<string | null> {
  return readQrCodeInPng(element.page(), await element.screenshot());
}

/** Reads the QR code anywhere in a screenshot (`near` lends its browser to decode the PNG). */
export async function readQrCodeInPng(near: Page, png: Buffer): Promise<string | null> {
  const page = await near.context().newPage();
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
      // As base64: a plain array of a screenshot's pixels is megabytes of JSON over the protocol.
      let binary = '';
      for (let i = 0; i < data.data.length; i += 0x8000) binary += String.fromCharCode(...data.data.subarray(i, i + 0x8000));
      return { width: data.width, height: data.height, pixels: btoa(binary) };
    }, png.toString('base64'));
    return jsQR(new Uint8ClampedArray(Buffer.from(pixels, 'base64')), width, height)?.data ?? null;
  } finally {
    await page.close();
  }
}
