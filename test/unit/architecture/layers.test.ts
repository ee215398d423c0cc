import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const src = join(root, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|svelte)$/u.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports, static or dynamic. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found = [...text.matchAll(/(?:import|export)[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gmu)];
  return found.map((match) => match[1] ?? match[2] ?? match[3]!);
}

function layerOf(path: string): string {
  return relative(src, path).split(/[\\/]/u)[0]!;
}

/** Which layers each layer may import (besides itself and npm packages). */
const allowed: Record<string, string[]> = {
  core: ['contract'],
  contract: [],
  main: ['core', 'contract'],
  preload: ['contract'],
  renderer: ['contract'],
  server: ['contract'],
};

/** What is wrong with a file's imports; empty when it keeps to its layer. */
function violations(file: string, specifiers: string[]): string[] {
  const layer = layerOf(file);
  const found: string[] = [];
  for (const specifier of specifiers) {
    if (specifier.startsWith('.')) {
      const target = resolve(dirname(file), specifier);
      if (!target.startsWith(src)) found.push(`${specifier} leaves src/`);
      else if (layerOf(target) !== layer && !allowed[layer]?.includes(layerOf(target)))
        found.push(`${layer} must not import ${layerOf(target)} (${specifier})`);
    } else if ((specifier === 'electron' || specifier.startsWith('electron/')) && !['main', 'preload'].includes(layer)) {
      found.push(`${layer} must not import electron`);
    }
  }
  return found;
}

describe('the import direction', () => {
  const files = sources(src);

  it('knows the layer of every source file', () => {
    for (const file of files) expect(Object.keys(allowed), relative(root, file)).toContain(layerOf(file));
  });

  it.each(files.map((file) => [relative(root, file), file]))('%s imports only what its layer may', (_name, file) => {
    expect(violations(file, importsOf(file))).toEqual([]);
  });

  it('flags the imports the rules forbid', () => {
    const coreFile = join(src, 'core/account/example.ts');
    expect(violations(coreFile, importsOf(join(src, 'core/ports.ts')))).toEqual([]);
    expect(violations(coreFile, ['electron', '../../main/compose', '../../renderer/App.svelte'])).toEqual([
      'core must not import electron',
      'core must not import main (../../main/compose)',
      'core must not import renderer (../../renderer/App.svelte)',
    ]);
    expect(violations(join(src, 'renderer/x.ts'), ['../main/compose'])).toEqual(['renderer must not import main (../main/compose)']);
    expect(violations(join(src, 'server/x.ts'), ['electron'])).toEqual(['server must not import electron']);
  });
});
