import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const renderer = fileURLToPath(new URL('../../../src/renderer', import.meta.url));
const svelteFiles = readdirSync(renderer, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.svelte'))
  .map((file) => [file, readFileSync(join(renderer, file), 'utf8')] as const);

describe("the popover's markup and styles", () => {
  it('sets no text size in pixels, so the popover follows the system text size', () => {
    const css = readFileSync(join(renderer, 'app.css'), 'utf8');
    const fontSizes = [...css.matchAll(/font(?:-size)?\s*:\s*([^;]+);/gu)].map((match) => match[1]!);
    expect(fontSizes.length).toBeGreaterThan(0);
    expect(fontSizes.filter((value) => /\d+px/u.test(value))).toEqual([]);
  });

  it('has no inline styles, which the strict Content Security Policy would block', () => {
    expect(svelteFiles.length).toBeGreaterThan(3);
    const offenders = svelteFiles.filter(([, source]) => /\sstyle(?::[\w-]+)?\s*=/u.test(source)).map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
