import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/config';
import { projectPath, readProjectJson, type BuilderConfig } from './project';

const config = readProjectJson<BuilderConfig>('electron-builder.json');
const scheme = readProjectJson<{ $schema: string }>('node_modules/app-builder-lib/scheme.json');

/** The validator electron-builder itself uses: draft-07 with its non-standard keywords (`typeof`)
 * tolerated; type coercion off, so a `"true"` string where a boolean belongs is an error here. */
function builderSchemaValidator() {
  expect(scheme.$schema).toBe('http://json-schema.org/draft-07/schema#');
  return new Ajv({ allErrors: true, strict: false }).compile(scheme);
}

describe('electron-builder.json', () => {
  const validate = builderSchemaValidator();

  it("matches electron-builder's own configuration schema", () => {
    const valid = validate(config);
    expect(validate.errors ?? [], 'electron-builder would reject this configuration').toEqual([]);
    expect(valid).toBe(true);
  });

  it('is really checked: a misspelt key or a wrongly typed fuse is rejected', () => {
    expect(validate({ ...config, asarr: true })).toBe(false);
    expect(validate({ ...config, electronFuses: { ...config.electronFuses, runAsNode: 'no' } })).toBe(false);
  });

  it('registers the release scheme and never the development one', () => {
    const schemes = config.protocols.flatMap((protocol) => protocol.schemes);
    expect(config.appId).toBe(defaultConfig.appId);
    expect(config.productName).toBe(defaultConfig.productName);
    expect(schemes).toEqual([defaultConfig.scheme]);
    expect(schemes).not.toContain(defaultConfig.developmentScheme);
  });

  it('packs only the built output into an asar', () => {
    expect(config.asar).toBe(true);
    const included = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(included.sort()).toEqual(['dist/main/**/*', 'dist/preload/**/*', 'dist/renderer/**/*', 'package.json']);
    expect(config.files).toEqual(expect.arrayContaining(['!**/*.map', '!**/.env', '!**/.env.*']));
  });

  it('burns the fuses that stop the binary being used as a Node runtime or loading loose code', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      // The popover is served from app:// (adapters/app-protocol.ts): file:// pages need no more
      // than a browser gives them; https://www.electronjs.org/docs/latest/tutorial/fuses#grantfileprotocolextraprivileges
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds a tray-only, hardened macOS app whose only runtime exception is the JIT', () => {
    expect(config.mac.extendInfo.LSUIElement).toBe(true);
    expect(config.mac.hardenedRuntime).toBe(true);
    const entitlements = readFileSync(projectPath(config.mac.entitlements ?? 'missing'), 'utf8');
    const granted = [...entitlements.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/gu)].map((match) => match[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('builds AppImage and deb on Linux and a per-user NSIS installer on Windows', () => {
    expect(config.linux.target.sort()).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('uninstalls the scheme and the login item on Windows, but keeps them across updates', () => {
    const script = readFileSync(projectPath(config.nsis.include), 'utf8');
    const macro = /!macro customUnInstall\n([\s\S]*?)!macroend/u.exec(script)?.[1] ?? '';
    expect(macro).toMatch(/\$\{ifNot\} \$\{isUpdated\}/u);
    expect(script).toContain(`!define LATCHKEY_SCHEME "${defaultConfig.scheme}"`);
    expect(script).toContain(`!define LATCHKEY_RUN_VALUE "${defaultConfig.appId}"`);
    expect(macro).toContain('DeleteRegKey HKCU "Software\\Classes\\${LATCHKEY_SCHEME}"');
    expect(macro).toContain('DeleteRegValue HKCU "Software\\Microsoft\\Windows\\CurrentVersion\\Run" "${LATCHKEY_RUN_VALUE}"');
  });

  it('publishes updates to GitHub releases, for every channel, with nothing that weakens their checks', () => {
    expect(config.publish).toEqual([{ provider: 'github', owner: 'latchkey-dev', repo: 'latchkey', releaseType: 'release' }]);
    // A stable release also answers beta users, so they are never left behind it.
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
    // electron-updater verifies the Windows installer's signature against these names.
    expect(config.win.signtoolOptions?.publisherName).toEqual(['Latchkey contributors']);
    const text = readFileSync(projectPath('electron-builder.json'), 'utf8');
    expect(text).not.toMatch(/verifyUpdateCodeSignature|disableWebInstaller|allowDowngrade|"private"/u);
  });
});
