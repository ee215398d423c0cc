import { svelte } from '@sveltejs/vite-plugin-svelte';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** Main and preload run in Electron: Electron itself and Node's builtins are never bundled. */
const external = ['electron', /^node:/, ...builtinModules];

/**
 * conf (under electron-store) imports its JSON-schema validator, ajv, at its top level, but only
 * builds one when a store is opened with `schema`, `rootSchema` or `ajvOptions`
 * (node_modules/conf/dist/source/index.js, #setupValidator). The app never passes them (its store
 * options are a closed type, JsonStoreOptions), so the main bundle gets a stand-in that refuses
 * to be used instead of evaluating ajv at every start.
 */
function withoutSchemaValidator(): Plugin {
  const id = '\0latchkey:no-schema-validator';
  return {
    name: 'latchkey:no-schema-validator',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name === 'main',
    resolveId(source, importer) {
      const fromConf = importer?.replaceAll('\\', '/').includes('/node_modules/conf/') ?? false;
      return fromConf && (source === 'ajv/dist/2020.js' || source === 'ajv-formats') ? id : null;
    },
    load(loaded) {
      if (loaded !== id) return null;
      return `const refuse = () => { throw new Error('Latchkey opens its store without a JSON schema; its build leaves out the validator.'); };
export class Ajv2020 { constructor() { refuse(); } }
export default { default: refuse };`;
    },
  };
}

/**
 * The app takes the handoff protocol's names from the plugin package (src/contract/handoff.ts).
 * Its bundles read the package's source rather than its dist/, which `npm test` rebuilds beside
 * this build; the server's bundle keeps the package external and loads the built one.
 */
function protocolFromSource(): Plugin {
  const source = path('./packages/desktop-handoff/src/protocol.ts');
  return {
    name: 'latchkey:protocol-from-source',
    enforce: 'pre',
    applyToEnvironment: (environment) => environment.name !== 'server',
    resolveId: (id) => (id === '@latchkey/desktop-handoff/protocol' ? source : null),
  };
}

/**
 * One config, three bundles (`vite build` builds them all): the Svelte popover for Chromium,
 * the main process as ESM, and the preload as CommonJS, which sandboxed preloads require.
 */
export default defineConfig({
  root: path('./src/renderer'),
  base: './',
  plugins: [svelte({ configFile: false }), withoutSchemaValidator(), protocolFromSource()],
  build: { reportCompressedSize: false },
  environments: {
    client: {
      build: {
        outDir: path('./dist/renderer'),
        emptyOutDir: true,
        target: 'chrome140',
        modulePreload: false,
        sourcemap: false,
      },
    },
    main: {
      consumer: 'server',
      resolve: { noExternal: true, external: ['electron'] },
      build: {
        outDir: path('./dist/main'),
        emptyOutDir: true,
        target: 'node22',
        ssr: true,
        sourcemap: false,
        // electron-store brings conf and its JSON-schema validator: minified, the app parses less at start.
        minify: true,
        rolldownOptions: {
          input: { main: path('./src/main/main.ts') },
          external,
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    },
    preload: {
      consumer: 'server',
      resolve: { noExternal: true, external: ['electron'] },
      build: {
        outDir: path('./dist/preload'),
        emptyOutDir: true,
        target: 'node22',
        ssr: true,
        sourcemap: false,
        rolldownOptions: {
          input: { preload: path('./src/preload/preload.ts') },
          external: ['electron'],
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    /** The reference auth server for Node 22: its npm dependencies stay in node_modules. */
    server: {
      consumer: 'server',
      build: {
        outDir: path('./dist/server'),
        emptyOutDir: true,
        target: 'node22',
        ssr: true,
        sourcemap: false,
        rolldownOptions: {
          input: { cli: path('./src/server/cli.ts') },
          external: [...external, 'better-auth', /^better-auth\//u, /^@better-auth\//u, /^@latchkey\/desktop-handoff/u, 'pg'],
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      for (const name of ['client', 'main', 'preload', 'server']) await builder.build(builder.environments[name]!);
    },
  },
});
