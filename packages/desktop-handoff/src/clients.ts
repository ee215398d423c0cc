
/** A desktop app allowed to use the handoff, and where it may receive the result. */
export interface DesktopClient {
  clientId: string;
  /** Shown on the consent screen: "Continue to <name> as …". */
  name: string;
  /**
   * Exact redirect URIs. A loopback URI (`http://127.0.0.1/<path>`, registered without a port)
   * matches that path on any port (RFC 8252 §7.3).
   */
  redirectUris: string[];
}

export type RedirectKind = 'loopback' | 'scheme';

/** `http://127.0.0.1:<port><path>` with nothing else (RFC 8252 §7.3: any port, exact path). */
function loopbackParts(uri: string): { port: string; path: string } | null {
  const match = /^http:\/\/127\.0\.0\.1(?::([0-9]{1,5}))?(\/[A-Za-z0-9._~/-]*)$/u.exec(uri);
  if (!match) return null;
  const port = match[1] ?? '';
  if (port !== '' && (Number(port) < 1 || Number(port) > 65535 || port.startsWith('0'))) return null;
  return { port, path: match[2]! };
}

/** The kind of a redirect URI registered for the client, or null when it is not one. */
export function matchRedirectUri(client: DesktopClient, uri: string): RedirectKind | null {
  const loopback = loopbackParts(uri);
  if (loopback) {
    if (loopback.port === '') return null;
    const registered = client.redirectUris.some((candidate) => {
      const parts = loopbackParts(candidate);
      return parts !== null && parts.port === '' && parts.path === loopback.path;
    });
    return registered || client.redirectUris.includes(uri) ? 'loopback' : null;
  }
  if (!client.redirectUris.includes(uri)) return null;
  return /^https?:/iu.test(uri) ? 'loopback' : 'scheme';
}

/** Clients as given, checked once so a typo fails at start rather than at sign-in. */
export function checkClients(clients: readonly DesktopClient[]): Map<string, DesktopClient> {
  if (clients.length === 0) throw new Error('The desktop handoff needs at least one client.');
  const byId = new Map<string, DesktopClient>();
  for (const client of clients) {
    if (!/^[A-Za-z0-9._-]{1,64}$/u.test(client.clientId)) throw new Error(`Client id "${client.clientId}" must be 1–64 letters, digits, dots, dashes or underscores.`);
    if (byId.has(client.clientId)) throw new Error(`Client id "${client.clientId}" is listed twice.`);
    if (client.redirectUris.length === 0) throw new Error(`Client "${client.clientId}" needs at least one redirect URI.`);
    for (const uri of client.redirectUris) {
      if (!URL.canParse(uri) || uri.includes('#') || uri.includes('?')) throw new Error(`Redirect URI "${uri}" of client "${client.clientId}" must be an absolute URI without query or fragment.`);
    }
    byId.set(client.clientId, client);
  }
  return byId;
}
