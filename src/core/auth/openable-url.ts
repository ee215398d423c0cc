import { isLoopbackHost } from '../config';

/**
 * The system browser is only ever sent to our own server: https, or http on loopback for the
 * development server. Anything else that reaches the browser port is refused.
 */
export function isOpenableServerUrl(url: string, serverOrigin: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const secure = target.protocol === 'https:' || (target.protocol === 'http:' && isLoopbackHost(target.hostname));
  return secure && !target.username && !target.password && target.origin === new URL(serverOrigin).origin;
}
