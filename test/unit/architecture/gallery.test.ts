import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fileName, themes } from '../../gallery/gallery';
import { sections } from '../../gallery/sections';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('the screenshot gallery', () => {
  it.each(sections.map((section) => [section.name, section] as const))('%s: every state has a shot', (_name, section) => {
    const shown = new Set(section.shots.map((shot) => shot.state));
    expect(section.states.filter((state) => !shown.has(state)), 'states without a screenshot').toEqual([]);
  });

  it.each(sections.map((section) => [section.name, section] as const))('%s: every shot is in docs/screenshots, in both themes', (_name, section) => {
    const missing = section.shots.flatMap((shot) => themes.map((theme) => `docs/screenshots/${fileName(shot, theme)}`)).filter((path) => !existsSync(`${root}${path}`));
    expect(missing, 'run `npm run screenshots`').toEqual([]);
  });

  it('the README shows the gallery, and only pictures that exist', () => {
    const readme = readFileSync(`${root}README.md`, 'utf8');
    const pictures = [...readme.matchAll(/src="(docs\/screenshots\/[^"]+)"/gu)].map((match) => match[1]!);
    expect(pictures.length).toBeGreaterThanOrEqual(8);
    expect(pictures.filter((path) => !existsSync(`${root}${path}`))).toEqual([]);
  });
});
