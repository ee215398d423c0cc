import { FuseV1Options } from '@electron/fuses';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where @electron/fuses finds the fuse wire inside an Electron binary (its constants.SENTINEL). */
const fuseSentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

/** A fuse's state is one ASCII byte on the wire (@electron/fuses' FuseState, not exported). */
export const fuseOn = 0x31;
export const fuseOff = 0x30;

/**
 * Each fuse starts in the state opposite to the one electron-builder.json asks for, so the smoke
 * test only passes if packaging really flips them. The two fuses we leave alone keep Electron's
 * defaults.
 */
export const stubStartingFuses: Record<FuseV1Options, number> = {
  [FuseV1Options.RunAsNode]: fuseOn,
  [FuseV1Options.EnableCookieEncryption]: fuseOff,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: fuseOn,
  [FuseV1Options.EnableNodeCliInspectArguments]: fuseOn,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: fuseOff,
  [FuseV1Options.OnlyLoadAppFromAsar]: fuseOff,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: fuseOff,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: fuseOn,
};

/**
 * An unpacked "Electron distribution" for `electronDist`: the real zip cannot be downloaded here.
 * For a Linux `dir` build electron-builder copies this folder, renames `electron` to the app's
 * executable, writes `resources/app.asar` and flips the fuses in the executable, so the stub needs
 * only an `electron` file that carries a fuse wire. It cannot run; nothing in the test runs it.
 */
export function writeStubElectronDist(folder: string): string {
  mkdirSync(folder, { recursive: true });
  const states = Object.values(FuseV1Options)
    .filter((index) => typeof index === 'number')
    .map((index) => stubStartingFuses[index]);
  const binary = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stub Electron for packaging tests" >&2\nexit 1\n'),
    Buffer.from(fuseSentinel, 'latin1'),
    Buffer.from([1, states.length, ...states]),
  ]);
  writeFileSync(join(folder, 'electron'), binary, { mode: 0o755 });
  return folder;
}
