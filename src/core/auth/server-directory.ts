import type { EndpointSource } from './server-discovery';

/**
 * The servers the app signs in to: the configured one, and each one an account was added on. Each
 * has one discovery, so its endpoints and its `iss` promise are read once and shared by the
 * sign-in, the device sign-in and the account that lives there.
 */
export class ServerDirectory {
  readonly #sources = new Map<string, EndpointSource>();

  constructor(
    /** The configured server. */
    readonly home: string,
    homeDiscovery: EndpointSource,
    private readonly discover: (origin: string) => EndpointSource,
  ) {
    this.#sources.set(home, homeDiscovery);
  }

  /** The server's discovery, made the first time it is asked for. */
  discovery(origin: string): EndpointSource {
    let source = this.#sources.get(origin);
    if (!source) {
      source = this.discover(origin);
      this.#sources.set(origin, source);
    }
    return source;
  }

  /** Whether the app signs in there: only such a server's pages are opened in the browser. */
  knows(origin: string): boolean {
    return this.#sources.has(origin);
  }
}
