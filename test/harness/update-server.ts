import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { UpdateOptions } from '../../src/main/wire-updates';

export interface Release {
  version: string;
  /** The bytes served as the installer. @default 256 KiB of random bytes */
  file?: Buffer;
  /** The sha512 the feed claims; the file's real one unless a test tampers with it. */
  sha512?: string;
  stagingPercentage?: number;
  releaseNotesUrl?: string;
  /** `latest` (stable) or `beta`: the feed file is `<channel>-linux.yml`. @default 'latest' */
  channel?: string;
}

export const sha512Of = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');

/**
 * A real update server on 127.0.0.1, as electron-builder publishes to a `generic` feed:
 * `<channel>-linux.yml` with the installer's name, size and sha512, and the installer beside it.
 * Each test publishes what it needs; every request is recorded.
 */
export class UpdateServer {
  readonly requests: string[] = [];
  readonly #files = new Map<string, Buffer>();
  #server: Server | null = null;
  /** The server accepts connections and hangs up at once, as an unreachable host does to a check. */
  hangingUp = false;
  readonly folder = mkdtempSync(join(tmpdir(), 'latchkey-updates-'));

  async start(): Promise<this> {
    this.#server = createServer((request, response) => {
      this.requests.push(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      if (this.hangingUp) return void request.socket.destroy();
      const body = this.#files.get(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
      if (!body) return void response.writeHead(404).end('Not found');
      response.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server!.address() as AddressInfo).port}/`;
  }

  /** Publishes a release; returns the installer's real bytes and its file name. */
  publish(release: Release): { file: Buffer; name: string } {
    const file = release.file ?? randomBytes(256 * 1024);
    const name = `latchkey_${release.version}_amd64.deb`;
    const sha512 = release.sha512 ?? sha512Of(file);
    const feed = {
      version: release.version,
      files: [{ url: name, sha512, size: file.length }],
      path: name,
      sha512,
      releaseDate: '2026-12-01T10:00:00.000Z',
      ...(release.stagingPercentage === undefined ? {} : { stagingPercentage: release.stagingPercentage }),
      ...(release.releaseNotesUrl ? { releaseNotesUrl: release.releaseNotesUrl } : {}),
    };
    this.#files.set(`/${release.channel ?? 'latest'}-linux.yml`, Buffer.from(stringify(feed)));
    this.#files.set(`/${name}`, file);
    return { file, name };
  }

  /** Whether any installer was asked for: a check alone reads only the yml. */
  downloads(): string[] {
    return this.requests.filter((path) => !path.endsWith('.yml'));
  }

  /**
   * What the app is given: app-update.yml as electron-builder writes it for a `generic` feed,
   * the deb package type, and a cache folder of its own. The installer is recorded, not run.
   */
  appOptions(onInstall: () => void, schedule: UpdateOptions['schedule'] = {}): UpdateOptions & { cacheDir: string } {
    const configPath = join(this.folder, 'app-update.yml');
    writeFileSync(configPath, stringify({ provider: 'generic', url: this.url, updaterCacheDirName: 'latchkey-updater' }));
    const cacheDir = join(this.folder, 'cache');
    mkdirSync(cacheDir, { recursive: true });
    return {
      configPath,
      packageType: 'deb',
      cacheDir,
      install: onInstall,
      schedule: { firstCheckMs: 0, backoff: { baseMs: 100, capMs: 200 }, ...schedule },
    };
  }

  /** Every file under the download cache, relative to it. */
  cached(): string[] {
    const cache = join(this.folder, 'cache');
    return readdirSync(cache, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(cache.length + 1));
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
    this.#server?.closeAllConnections();
    await closed;
    rmSync(this.folder, { recursive: true, force: true });
  }
}
