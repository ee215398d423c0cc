import type { KeyValueStore, Logger } from '../ports';

/** Where the origins of servers that promised `iss` are kept (a list: origins hold dots, keys may not). */
export const issuersKey = 'issuersSendingIss';

/** What discovery remembers across runs: which servers advertised `iss` on their callbacks. */
export interface IssuerMemory {
  promisedIss(origin: string): boolean;
  rememberIss(origin: string): void;
}

/**
 * RFC 9207 §2.4: once a server has said it sends `iss`, a callback without one is a mix-up, even
 * when its metadata cannot be read later (offline, blocked, a proxy's page). The promise is kept in
 * the store; a disk that refuses it keeps it for this run and logs.
 */
export function storedIssuerMemory(store: Pick<KeyValueStore, 'get' | 'set'>, logger: Logger): IssuerMemory {
  const known = new Set<string>();
  const saved = store.get(issuersKey);
  if (Array.isArray(saved)) for (const origin of saved) if (typeof origin === 'string') known.add(origin);
  return {
    promisedIss: (origin) => known.has(origin),
    rememberIss(origin) {
      if (known.has(origin)) return;
      known.add(origin);
      try {
        store.set(issuersKey, [...known]);
      } catch (error) {
        logger.log('warn', 'That the server sends iss could not be saved; it is kept for this run', { error: error instanceof Error ? error.name : typeof error });
      }
    },
  };
}
