import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: packaging checks read the same files electron-builder and CI read. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const projectPath = (...segments: string[]) => join(projectRoot, ...segments);

export function readProjectJson<T = unknown>(...segments: string[]): T {
  const file = projectPath(...segments);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (error) {
    throw new Error(`${file} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The shape of electron-builder.json that the checks below rely on. */
export interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asar: boolean;
  protocols: { name: string; schemes: string[] }[];
  electronFuses: Record<string, boolean>;
  mac: { hardenedRuntime: boolean; category: string; entitlements?: string; extendInfo: Record<string, unknown> };
  linux: { target: string[] };
  win: { target: string[]; signtoolOptions?: { publisherName?: string[] } };
  nsis: { include: string };
  publish?: Record<string, unknown>[];
  generateUpdatesFilesForAllChannels?: boolean;
}
