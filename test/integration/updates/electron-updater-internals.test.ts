import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancellationToken, DebUpdater } from 'electron-updater';
import { ElectronAppAdapter } from 'electron-updater/out/ElectronAppAdapter';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchHttpExecutor } from '../../../src/main/adapters/fetch-http-executor';
import { AppDouble } from '../../harness/electron-double';

const root = new URL('../../../', import.meta.url);
const readJson = (path: string) => JSON.parse(readFileSync(new URL(path, root), 'utf8')) as { version?: string; devDependencies?: Record<string, string> };

/**
 * src/main/adapters/electron-updater.ts and fetch-http-executor.ts lean on parts of electron-updater
 * its typings do not promise. This file pins the version and checks each of those parts, so an
 * upgrade fails here, loudly, before it fails in a user's update.
 */
describe('electron-updater, as the adapter uses it', () => {
  it('is exactly 6.8.10, in package.json and installed: read its source again before changing it', () => {
    expect(readJson('package.json').devDependencies?.['electron-updater']).toBe('6.8.10');
    expect(readJson('node_modules/electron-updater/package.json').version).toBe('6.8.10');
  });

  it('leaves its HTTP unset when given an app adapter, and downloads through the one we set', () => {
    const userData = mkdtempSync(join(tmpdir(), 'latchkey-updater-'));
    try {
      const app = new AppDouble(userData, 'linux');
      const updater = new DebUpdater(undefined, new ElectronAppAdapter(app));
      const internals = updater as unknown as { httpExecutor: unknown };
      expect(internals.httpExecutor).toBeNull();
      // The channel setter allows downgrades by itself (AppUpdater.js): the adapter sets it back after.
      updater.channel = 'beta';
      expect(updater.allowDowngrade).toBe(true);
    } finally {
      rmSync(userData, { recursive: true, force: true });
    }
  });

  it('keeps the hooks the adapter overrides: the app adapter’s cache path, the executor’s createRequest', () => {
    expect(Object.getOwnPropertyDescriptor(ElectronAppAdapter.prototype, 'baseCachePath')?.get).toBeTypeOf('function');
    expect(ElectronHttpExecutor.prototype.createRequest).toBeTypeOf('function');
    expect(ElectronHttpExecutor.prototype.download).toBeTypeOf('function');
  });
});

describe('the feed’s HTTP, when an answer stalls after its headers', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      // Headers, a first chunk, then nothing: the connection stays open.
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '4096' });
      response.write(request.url === '/latest-linux.yml' ? 'version: 0.2.0\n' : Buffer.alloc(512));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives up on the feed file once no byte has come for the idle time', async () => {
    const executor = new FetchHttpExecutor((input, init) => fetch(input, init), 150);
    const port = new URL(base).port;
    await expect(executor.request({ protocol: 'http:', hostname: '127.0.0.1', port, path: '/latest-linux.yml' })).rejects.toThrow(
      `${base} sent nothing for 0.15 s`,
    );
  });

  it('gives up on a download the same way (electron-updater then deletes its temporary file)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'latchkey-stall-'));
    try {
      const executor = new FetchHttpExecutor((input, init) => fetch(input, init), 150);
      const destination = join(folder, 'latchkey.deb');
      await expect(
        executor.download(new URL(`${base}/latchkey_0.2.0_amd64.deb`), destination, { cancellationToken: new CancellationToken(), sha512: 'x' }),
      ).rejects.toThrow('sent nothing for 0.15 s');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
