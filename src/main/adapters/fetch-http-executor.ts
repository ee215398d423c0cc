import { EventEmitter } from 'node:events';
import type { RequestOptions } from 'node:http';
import { PassThrough, Readable } from 'node:stream';
import { ElectronHttpExecutor } from 'electron-updater/out/electronHttpExecutor';
import type { Http } from '../../core/ports';

/** A request as electron-updater's HttpExecutor drives it: `end()` sends it, `abort()` stops it. */
class FetchRequest extends EventEmitter {
  readonly #controller = new AbortController();
  #idle: ReturnType<typeof setTimeout> | undefined;
  #timedOut = false;

  constructor(
    private readonly url: URL,
    private readonly options: RequestOptions,
    private readonly http: Http,
    private readonly idleMs: number,
    private readonly onResponse: (response: Readable) => void,
  ) {
    super();
  }

  end(body?: Buffer): void {
    void this.#send(body);
  }

  abort(): void {
    clearTimeout(this.#idle);
    this.#controller.abort();
  }

  async #send(body: Buffer | undefined): Promise<void> {
    this.#touch();
    try {
      const headers = Object.entries(this.options.headers ?? {}).flatMap(([name, value]) =>
        value === undefined ? [] : [[name, String(value)] as [string, string]],
      );
      // `follow`: fetch drops credentials on a cross-origin redirect itself (GitHub sends downloads to its CDN).
      const answer = await this.http(this.url, {
        method: this.options.method ?? 'GET',
        headers,
        ...(body ? { body: new Uint8Array(body) } : {}),
        redirect: 'follow',
        signal: this.#controller.signal,
      });
      this.#touch();
      const source = answer.body ? Readable.fromWeb(answer.body as import('node:stream/web').ReadableStream) : Readable.from([]);
      const response = Object.assign(new PassThrough(), {
        statusCode: answer.status,
        statusMessage: answer.statusText,
        headers: Object.fromEntries(answer.headers),
      });
      source.on('data', () => this.#touch());
      source.on('end', () => clearTimeout(this.#idle));
      source.on('error', (error) => {
        clearTimeout(this.#idle);
        response.destroy(this.#reason(error));
      });
      source.pipe(response);
      this.onResponse(response);
    } catch (error) {
      clearTimeout(this.#idle);
      this.emit('error', this.#reason(error));
    }
  }

  /** Every header and every chunk restarts the wait: a body that stalls is given up, not waited on forever. */
  #touch(): void {
    clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      this.#timedOut = true;
      this.#controller.abort();
    }, this.idleMs);
  }

  #reason(error: unknown): Error {
    if (this.#timedOut) return new Error(`${this.url.origin} sent nothing for ${this.idleMs / 1000} s`);
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return error instanceof Error ? new Error(`${error.message}${cause}`) : new Error(String(error));
  }
}

/**
 * electron-updater's HTTP, over the main process's `net.fetch` (Chromium's network stack, with
 * the system's proxy). electron-updater's own executor uses `net.request`, whose ClientRequest
 * emits no `socket` event (docs/api/client-request.md), so the timeout HttpExecutor sets on the
 * socket never starts under Electron and a stalled feed would hold every later check
 * (electron-userland/electron-builder#3292, #4618). Here each
 * request gives up after `idleMs` without a byte, body included. Downloads still go through
 * HttpExecutor's own pipes, which verify the feed's sha512 (DigestTransform).
 */
export class FetchHttpExecutor extends ElectronHttpExecutor {
  constructor(
    private readonly http: Http,
    private readonly idleMs = 30_000,
  ) {
    super();
  }

  override createRequest(options: RequestOptions, callback: (response: unknown) => void): Electron.ClientRequest {
    const port = options.port ? `:${options.port}` : '';
    const url = new URL(`${options.protocol ?? 'https:'}//${options.hostname ?? 'localhost'}${port}${options.path ?? '/'}`);
    return new FetchRequest(url, options, this.http, this.idleMs, callback) as unknown as Electron.ClientRequest;
  }
}
