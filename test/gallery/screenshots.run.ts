import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'vitest';
import { fileName, themes } from './gallery';
import { sections } from './sections';

// `npm run screenshots`: renders every section's shots in both themes into docs/screenshots.
// `LATCHKEY_GALLERY_ONLY=server npm run screenshots` renders only the sections named.
const out = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const only = process.env.LATCHKEY_GALLERY_ONLY?.split(',').map((name) => name.trim()) ?? null;

it('renders the gallery', async () => {
  mkdirSync(out, { recursive: true });
  for (const section of sections.filter((each) => only === null || only.includes(each.name))) {
    for (const theme of themes) {
      const session = await section.open(theme);
      try {
        for (const shot of section.shots) {
          writeFileSync(`${out}${fileName(shot, theme)}`, (await session.take(shot)).png);
          console.log(`docs/screenshots/${fileName(shot, theme)}`);
        }
      } finally {
        await session.close();
      }
    }
  }
}, 600_000);
