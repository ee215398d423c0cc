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
  /** Every server but the configured one, each made the first time it is asked for. */
  readonly #others = new Map<string, LearningSource>();

  constructor(
    /** The configured server. */
    readonly home: string,
    private readonly homeDiscovery: EndpointSource,
    private readonly discover: (origin: string) => LearningSource,
  ) {}

  discovery(origin: string): EndpointSource {
    return origin === this.home ? this.homeDiscovery : this.#other(origin);
  }

  /** A typed server's endpoints, read and checked before its first sign-in: its discovery keeps them. */
  learn(origin: string, endpoints: ServerEndpoints): void {
    if (origin !== this.home) this.#other(origin).adopt(endpoints);
  }

  /** Whether the app signs in there: only such a server's pages are opened in the browser. */
  knows(origin: string): boolean {
    return origin === this.home || this.#others.has(origin);
  }

  #other(origin: string): LearningSource {
    let source = this.#others.get(origin);
    if (!source) {
      source = this.discover(origin);
      this.#others.set(origin, source);
    }
    return source;
  }
}

/** What the sign-ins and the accounts need of the directory: a server's discovery by its origin. */
export type ServerSources = Pick<ServerDirectory, 'discovery'>;
