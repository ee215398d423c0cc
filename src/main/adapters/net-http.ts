import { TransportError, type Http } from '../../core/ports';
import type { ElectronApi } from '../electron-api';

/**
 * The Http port over Electron's `net.fetch` (Chromium's network stack: the system's proxy settings
 * and certificate store). It translates Electron's rejections into the core's words and decides
 * nothing. Electron rejects with Chromium's net error name as the message, e.g.
 * `net::ERR_CERT_AUTHORITY_INVALID` (lib/browser/api/net-client-request.ts, the loader's 'error'),
 * and with "Redirect was cancelled" for a redirect under `redirect: 'manual'` (same file).
 */
export function netHttp(net: Pick<ElectronApi['net'], 'fetch'>): Http {
  return async (input, init) => {
    try {
      return await net.fetch(String(input), init);
    } catch (error) {
      throw transportError(error);
    }
  };
}

export function transportError(error: unknown): unknown {
  if (!(error instanceof Error) || error.name === 'AbortError') return error;
  // ERR_CERT_* (date, authority, name, revoked…), ERR_SSL_* and ERR_BAD_SSL_CLIENT_AUTH_CERT.
  if (/^net::ERR_(CERT_|SSL_|BAD_SSL_)/u.test(error.message)) return new TransportError('tls', error.message);
  if (error.message === 'Redirect was cancelled') return new TransportError('redirect', error.message);
  return new TransportError('network', error.message);
}
