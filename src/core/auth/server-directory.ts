import type { EndpointSource } from './server-discovery';
import type { ServerEndpoints } from './server-metadata';

/** A server's discovery that can also take endpoints already checked. */
type LearningSource = EndpointSource & { adopt(endpoints: ServerEndpoints): void };

/**
 * The servers the app signs in to: the configured one, and each one an account was added on. Each
 * has one discovery, so its endpoints and its `iss` promise are read once and shared by the
 * sign-in, the device sign-in and the account that lives there.
 */
export class ServerDirectory {
  readonly #sources = new Map<string, EndpointSource>();
  readonly #learning = new Map<string, LearningSource>();

  constructor(
    /** The configured server. */
    readonly home: string,
    homeDiscovery: EndpointSource,
    private readonly discover: (origin: string) => LearningSource,
  ) {
    this.#sources.set(home, homeDiscovery);
  }

  /** The server's discovery, made the first time it is asked for. */
  discovery(origin: string): EndpointSource {
    let source = this.#sources.get(origin);
    if (!source) {
      const made = this.discover(origin);
      this.#learning.set(origin, made);
      this.#sources.set(origin, made);
      source = made;
    }
    return source;
  }

  /** A typed server's endpoints, read and checked before its first sign-in: its discovery keeps them. */
  learn(origin: string, endpoints: ServerEndpoints): void {
    this.discovery(origin);
    this.#learning.get(origin)?.adopt(endpoints);
  }

  /** Whether the app signs in there: only such a server's pages are opened in the browser. */
  knows(origin: string): boolean {
    return this.#sources.has(origin);
  }
}
