import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where the server's pages are drawn: the plugin's page kit and the reference server's own pages. */
const sources = [
  ...readdirSync(`${root}packages/desktop-handoff/src/pages`).map((file) => `packages/desktop-handoff/src/pages/${file}`),
  ...readdirSync(`${root}src/server/account`).map((file) => `src/server/account/${file}`),
  'src/server/home-page.ts',
].filter((path) => path.endsWith('.ts'));

/**
 * Every page the server can answer, read from the code that draws them: each exported function
 * named `…Screen` or `…Page` is one (signInScreen, handBackScreen, homePage…). A page added in a
 * new file, such as a device sign-in page, joins the list without anyone remembering to.
 */
export const serverPages: readonly string[] = sources.flatMap((path) =>
  [...readFileSync(`${root}${path}`, 'utf8').matchAll(/^export (?:async )?function (\w+(?:Screen|Page))\b/gmu)].map((match) => match[1]!),
);
