import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Figure, FigureResult } from '../stats';

const root = new URL('../../', import.meta.url).pathname;

function files(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path, pattern);
    return pattern.test(name) ? [path] : [];
  });
}

const kB = (bytes: number) => bytes / 1000;
const single = (figure: string, value: number, reference: string): FigureResult => ({
  figure,
  median: value,
  p95: value,
  unit: 'kB',
  runs: 1,
  reference,
});

/** Sizes of what `vite build` wrote; exact, so one run is enough. */
export const bundleSizes: Figure = {
  name: 'bundle sizes',
  reference: '25 kB gzipped for the renderer',
  async measure() {
    const renderer = files(join(root, 'dist/renderer'), /\.(js|css)$/u).map((path) => readFileSync(path));
    const gzipped = renderer.reduce((sum, body) => sum + gzipSync(body, { level: 9 }).length, 0);
    const size = (path: string) => statSync(join(root, path)).size;
    return [
      single('Renderer JS + CSS, gzipped', kB(gzipped), '25 kB budget'),
      single('Main bundle', kB(size('dist/main/main.js')), '—'),
      single('Preload bundle', kB(size('dist/preload/preload.cjs')), '—'),
    ];
  },
};
