import type { QrView } from '../../contract/view';

/**
 * Encodes `text` (the verification address) in main, so the popover receives a path made of our
 * own commands and draws it with its own SVG elements; no markup from a server is ever rendered.
 * Medium error correction survives a phone camera's glare; a 4-module quiet zone (ISO/IEC 18004).
 * The encoder is loaded the first time a code is shown: a start never needs it.
 */
export async function qrModules(text: string): Promise<QrView> {
  const { encode } = await import('uqr');
  const { data, size } = encode(text, { ecc: 'M', border: 4 });
  const runs: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < size) {
      if (!row[x]) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < size && row[x]) x += 1;
      runs.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return { size, path: runs.join('') };
}
