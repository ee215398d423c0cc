// Draws the tray icons and the app icon from shapes, so they can be regenerated and reviewed as
// code: `node scripts/make-icons.mjs`. ImageMagick is not assumed; PNG and ICO are written by hand
// (PNG: https://www.w3.org/TR/png-3/, ICO holding PNG images: valid since Windows Vista).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const trayDir = join(root, 'static/tray');
const buildDir = join(root, 'static/build');

// ── Signed distance functions, in a 32-unit design grid. Negative inside. ──
const length = (x, y) => Math.hypot(x, y);
const circle = (cx, cy, r) => (x, y) => length(x - cx, y - cy) - r;
function roundedRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2, hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const dx = Math.abs(x - cx) - hx, dy = Math.abs(y - cy) - hy;
    return length(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
  };
}
function segment(ax, ay, bx, by, r) {
  return (x, y) => {
    const px = x - ax, py = y - ay, vx = bx - ax, vy = by - ay, span = vx * vx + vy * vy;
    const t = span === 0 ? 0 : Math.max(0, Math.min(1, (px * vx + py * vy) / span));
    return length(px - vx * t, py - vy * t) - r;
  };
}
/** The upper half of a ring: the padlock's shackle bow. */
function bow(cx, cy, radius, r) {
  return (x, y) => (y <= cy ? Math.abs(length(x - cx, y - cy) - radius) - r : Math.min(length(x - cx + radius, y - cy), length(x - cx - radius, y - cy)) - r);
}
const union = (...shapes) => (x, y) => Math.min(...shapes.map((s) => s(x, y)));
const subtract = (a, b) => (x, y) => Math.max(a(x, y), -b(x, y));
const grow = (shape, by) => (x, y) => shape(x, y) - by;

// ── The padlock, open or closed, with an optional badge in the lower right corner. ──
const body = roundedRect(6, 14, 24, 29, 3);
const keyhole = union(circle(15, 20.5, 2), segment(15, 20.5, 15, 24.5, 1));
function padlock(open) {
  const lift = open ? 4 : 0;
  const shackle = union(
    bow(15, 10 - lift, 5.5, 1.6),
    segment(20.5, 10 - lift, 20.5, 15, 1.6),
    segment(9.5, 10 - lift, 9.5, open ? 10 - lift : 15, 1.6),
  );
  return subtract(union(body, shackle), keyhole);
}

const badgeDisc = circle(25, 25, 6);
const marks = {
  attention: union(segment(25, 21.5, 25, 25.5, 1.2), circle(25, 28.3, 1.2)),
  expired: union(segment(22.7, 22.7, 27.3, 27.3, 1.1), segment(27.3, 22.7, 22.7, 27.3, 1.1)),
  offline: segment(22.2, 25, 27.8, 25, 1.2),
};

/** Each state as layers painted bottom to top: [shape, rgba]. */
function layers(name, palette) {
  const glyph = padlock(name === 'signedOut' || name === 'expired');
  const badge = marks[name];
  const lock = badge ? subtract(glyph, grow(badgeDisc, 1.5)) : glyph;
  const dim = name === 'offline' && !palette.solid ? 0.55 : 1;
  const out = [];
  if (palette.outline) out.push([grow(lock, 1), { ...palette.outline, a: palette.outline.a * dim }]);
  out.push([lock, { ...palette.glyph, a: palette.glyph.a * dim }]);
  if (badge) {
    const color = palette.badge[name];
    if (palette.outline) out.push([grow(badgeDisc, 1), palette.outline]);
    out.push([palette.cutMark ? subtract(badgeDisc, badge) : badgeDisc, color]);
    if (!palette.cutMark) out.push([badge, palette.mark]);
  }
  return out;
}

const rgba = (hex, a = 1) => ({ r: parseInt(hex.slice(1, 3), 16), g: parseInt(hex.slice(3, 5), 16), b: parseInt(hex.slice(5, 7), 16), a });
/** macOS template images: black and alpha only; the menu bar tints them. */
const template = { glyph: rgba('#000000'), badge: { attention: rgba('#000000'), expired: rgba('#000000'), offline: rgba('#000000') }, cutMark: true };
const badges = { attention: rgba('#f0a020'), expired: rgba('#d93b3b'), offline: rgba('#8a919c') };
/**
 * Linux and Windows, one palette per panel: a light glyph for dark panels, a dark glyph for light
 * ones (a white icon vanishes on Windows 11's default light taskbar), each with a thin rim of the
 * panel's own tone. High contrast: pure white or black, full opacity, badges cut out of the glyph
 * colour so no hue carries the meaning.
 */
const palettes = {
  'on-dark': { glyph: rgba('#f4f5f7'), outline: rgba('#1b1d21', 0.85), badge: badges, mark: rgba('#1b1d21') },
  'on-light': { glyph: rgba('#1b1d21'), outline: rgba('#f4f5f7', 0.85), badge: badges, mark: rgba('#1b1d21') },
  'on-dark-hc': { glyph: rgba('#ffffff'), badge: { attention: rgba('#ffffff'), expired: rgba('#ffffff'), offline: rgba('#ffffff') }, cutMark: true, solid: true },
  'on-light-hc': { glyph: rgba('#000000'), badge: { attention: rgba('#000000'), expired: rgba('#000000'), offline: rgba('#000000') }, cutMark: true, solid: true },
};

// ── Rasterising: 4×4 supersampling per pixel, straight alpha. ──
function render(size, paint, scale = size / 32, offset = 0) {
  const pixels = new Float64Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const x = (px + (sx + 0.5) / n - offset) / scale, y = (py + (sy + 0.5) / n - offset) / scale;
          let cr = 0, cg = 0, cb = 0, ca = 0;
          for (const [shape, c] of paint) {
            if (shape(x, y) > 0) continue;
            // "over", premultiplied
            cr = c.r * c.a + cr * (1 - c.a); cg = c.g * c.a + cg * (1 - c.a); cb = c.b * c.a + cb * (1 - c.a); ca = c.a + ca * (1 - c.a);
          }
          r += cr; g += cg; b += cb; a += ca;
        }
      }
      const i = (py * size + px) * 4, k = n * n;
      pixels.set(a > 0 ? [r / a, g / a, b / a, (a / k) * 255] : [0, 0, 0, 0], i);
    }
  }
  return pixels;
}

function png(size, pixels) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let i = 0; i < size * 4; i += 1) raw[y * (size * 4 + 1) + 1 + i] = Math.round(pixels[y * size * 4 + i]);
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'ascii');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function ico(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, index) => {
    const entry = 6 + 16 * index;
    header.writeUInt8(size >= 256 ? 0 : size, entry);
    header.writeUInt8(size >= 256 ? 0 : size, entry + 1);
    header.writeUInt16LE(1, entry + 4); // colour planes
    header.writeUInt16LE(32, entry + 6); // bits per pixel
    header.writeUInt32LE(data.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.data)]);
}

function write(path, data) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

const states = ['signedOut', 'signedIn', 'attention', 'expired', 'offline'];
for (const name of states) {
  const draw = (size, palette) => png(size, render(size, layers(name, palette)));
  // macOS menu bar: 16 pt, @2x for Retina. Electron picks up the @2x file next to the @1x one.
  write(join(trayDir, `${name}Template.png`), draw(16, template));
  write(join(trayDir, `${name}Template@2x.png`), draw(32, template));
  for (const [variant, palette] of Object.entries(palettes)) {
    // Linux StatusNotifier hosts scale one image; 22 px is the common panel size, 44 for HiDPI.
    write(join(trayDir, `${name}-${variant}.png`), draw(22, palette));
    write(join(trayDir, `${name}-${variant}@2x.png`), draw(44, palette));
    // Windows notification area: 16 px at 100 %, 20/24/32 at higher scale factors.
    write(join(trayDir, `${name}-${variant}.ico`), ico([16, 20, 24, 32, 48].map((size) => ({ size, data: draw(size, palette) }))));
  }
}

// The app icon for electron-builder: a white padlock on a rounded blue tile.
const tile = roundedRect(1, 1, 31, 31, 7);
const appLayers = [
  [tile, rgba('#2f5bd3')],
  // Scaled to 70 % around the tile's centre; the lock's own centre is at (15, 16.5).
  [(x, y) => padlock(false)((x - 16) / 0.7 + 15, (y - 16) / 0.7 + 16.5), rgba('#ffffff')],
];
const appSize = 512;
write(join(buildDir, 'icon.png'), png(appSize, render(appSize, appLayers)));
console.log(`Wrote ${states.length * (2 + 3 * Object.keys(palettes).length)} tray images to static/tray and static/build/icon.png`);
