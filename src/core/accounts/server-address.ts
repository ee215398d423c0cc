import type { Outcome } from '../../contract/outcome';
import { discoveryTimeoutMs, readMetadata } from '../auth/server-discovery';
import type { ServerEndpoints } from '../auth/server-metadata';
import { isLoopbackHost } from '../config';
import type { Http, Logger } from '../ports';

export type ServerAddress = { ok: true; origin: string } | { ok: false; message: string };

const maxAddressLength = 2048;

/**
 * A server address as a person types it: "auth.example.com", "https://auth.example.com/" or the
 * sign-in page's whole address copied from the browser. Only the origin is kept. Plain http is
 * refused off this machine (a token sent in the clear), and so are credentials in the address.
 */
export function parseServerAddress(typed: string): ServerAddress {
  const text = typed.trim();
  if (text === '') return refuse(serverAddressMessages.empty);
  if (text.length > maxAddressLength || /\s/u.test(text)) return refuse(serverAddressMessages.notAnAddress);
  // Backslashes typed out of a Windows habit ("https:\\host"): a browser reads them as https://host, and so does this.
  const schemeTyped = /^[a-z][a-z0-9+.-]*:[/\\]{2}/iu.test(text);
  const withScheme = schemeTyped ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return refuse(serverAddressMessages.notAnAddress);
  }
  // "auth.example.com." is the same server as "auth.example.com", whose metadata names it without the dot.
  if (url.hostname.endsWith('.')) url.hostname = url.hostname.slice(0, -1);
  if (url.hostname === '' || url.host === '' || url.hostname.endsWith('.')) return refuse(serverAddressMessages.notAnAddress);
  if (url.username || url.password) return refuse(serverAddressMessages.credentials);
  // "localhost:3000" is a development server on this machine, which a browser reaches over http too.
  if (!schemeTyped && isLoopbackHost(url.hostname)) url.protocol = 'http:';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return refuse(serverAddressMessages.plainHttp(url.host));
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return refuse(serverAddressMessages.notAnAddress);
  return { ok: true, origin: url.origin };
}

const refuse = (message: string): ServerAddress => ({ ok: false, message });

/**
 * Whether a typed server is one the app can sign in to: its RFC 8414 metadata must be there, pass
 * the same checks as the configured server's, and name the desktop session endpoint that only a
 * BetterAuth server with the handoff plugin has. Unlike the configured server, an address that
 * publishes no metadata is refused rather than tried at the known paths: the user typed it, and a
 * page that happens to answer there proves nothing.
 */
export async function checkServer(
  http: Http,
  origin: string,
  logger: Logger,
  timeoutMs = discoveryTimeoutMs,
): Promise<{ ok: true; endpoints: ServerEndpoints } | Extract<Outcome, { ok: false }>> {
  const { host } = new URL(origin);
  const read = await readMetadata(http, origin, timeoutMs);
  if (read.kind === 'unreachable') {
    logger.log('info', 'A server typed by the user could not be reached', { reason: read.reason });
    return { ok: false, code: 'network_unavailable', message: serverAddressMessages.unreachable(host) };
  }
  if (read.kind !== 'found' || !read.desktopSessions) {
    const reason = read.kind === 'refused' ? read.reason : read.kind === 'absent' ? 'no metadata' : 'no desktop session endpoint';
    logger.log('info', 'A server typed by the user is not a Latchkey server', { reason });
    return { ok: false, code: 'not_a_latchkey_server', message: serverAddressMessages.notLatchkey(host) };
  }
  return { ok: true, endpoints: read.endpoints };
}

/** The sentences about a typed server address and what was found there. */
export const serverAddressMessages = {
  empty: 'Type the address of the server to sign in to, such as auth.example.com.',
  notAnAddress: 'That is not a server address. Type one such as auth.example.com.',
  credentials: 'Leave the user name and password out of the address; you sign in on the server’s page.',
  plainHttp: (host: string) => `${host} would be reached without encryption. Use its https address.`,
  pinned: 'This build of Latchkey signs in only to its own server.',
  unreachable: (host: string) => `${host} could not be reached. Check the address and your connection, then try again.`,
  notLatchkey: (host: string) => `${host} answered, but it is not a server Latchkey can sign in to. Ask its administrator for the right address.`,
} as const;
