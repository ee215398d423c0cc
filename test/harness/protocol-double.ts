import type * as Electron from 'electron';
import type { ElectronApi } from '../../src/main/electron-api';

type ProtocolApi = ElectronApi['protocol'];
type Handler = (request: Request) => Response | Promise<Response>;

/**
 * Stock Chromium cannot be taught a scheme: Electron does that in its ContentClient
 * (AddAdditionalSchemes, fed by registerSchemesAsPrivileged). So a privileged standard scheme is
 * loaded in Chromium under a stand-in origin of the same kind (a tuple origin with the same host,
 * a secure context when `secure`), and every request to it is answered by the app's own handler
 * with the app:// URL; the app only ever sees app:// URLs.
 */
const standInSuffix = '-scheme.invalid';

export class ProtocolDouble implements ProtocolApi {
  #privileged: Electron.CustomScheme[] | null = null;
  readonly #handlers = new Map<string, Handler>();

  constructor(private readonly isReady: () => boolean) {}

  registerSchemesAsPrivileged(customSchemes: Electron.CustomScheme[]): void {
    // "can only be used before the ready event of the app module gets emitted and can be called
    // only once"; https://www.electronjs.org/docs/latest/api/protocol#protocolregisterschemesasprivilegedcustomschemes
    if (this.isReady()) throw new Error('protocol.registerSchemesAsPrivileged must be called before the app is ready');
    if (this.#privileged) throw new Error('protocol.registerSchemesAsPrivileged can be called only once');
    this.#privileged = customSchemes.map((scheme) => ({ ...scheme, privileges: { ...scheme.privileges } }));
  }

  handle(scheme: string, handler: Handler): void {
    // "All methods unless specified can only be used after the ready event"; protocol docs, top.
    if (!this.isReady()) throw new Error('protocol.handle must be called after the app is ready');
    // Electron's lib/browser/api/protocol.ts throws when the scheme already has a handler.
    if (this.#handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    this.#handlers.set(scheme, handler);
  }

  unhandle(scheme: string): void {
    this.#handlers.delete(scheme);
  }

  privileges(scheme: string): Electron.Privileges | undefined {
    return this.#privileged?.find((entry) => entry.scheme === scheme)?.privileges;
  }

  /** The URL Chromium loads for `url`: itself, or the stand-in for a privileged standard scheme. */
  toChromium(url: string): string {
    const parsed = new URL(url);
    const scheme = parsed.protocol.slice(0, -1);
    if (!this.#handlers.has(scheme)) return url;
    const privileges = this.privileges(scheme);
    // A non-standard scheme has no host and opaque origins; nothing here models that.
    if (!privileges?.standard) throw new Error(`The double only loads ${scheme}: when it is registered as standard`);
    const standIn = privileges.secure ? 'https' : 'http';
    return `${standIn}://${parsed.host}.${scheme}${standInSuffix}${parsed.pathname}${parsed.search}${parsed.hash}`;
  }

  /** The URL the app would see for a URL Chromium reports (stand-ins mapped back). */
  fromChromium(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return url;
    }
    const match = /^(.+)\.([a-z][a-z0-9+.-]*)-scheme\.invalid$/u.exec(parsed.hostname);
    if (!match || !this.#handlers.has(match[2]!)) return url;
    return `${match[2]}://${match[1]}${parsed.pathname}${parsed.search}${parsed.hash}`;
  }

  /** Whether Chromium's `url` is one the double must answer through a handler. */
  isStandIn(url: string): boolean {
    return this.fromChromium(url) !== url;
  }

  /** What Electron's network service would get from the handler for this request; null if none. */
  async respond(request: Request): Promise<Response | null> {
    const handler = this.#handlers.get(new URL(request.url).protocol.slice(0, -1));
    return handler ? handler(request) : null;
  }
}
