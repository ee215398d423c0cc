import type { Http } from './ports';

export type RequestOutcome = { response: Response } | { failure: 'timeout' | 'network' };

/**
 * One request through the Http port with a deadline. A refused connection and a server that never
 * answers are told apart, since the user hears different things about them.
 */
export async function requestWithTimeout(http: Http, url: string, init: RequestInit, timeoutMs: number): Promise<RequestOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return { response: await http(url, { ...init, signal: controller.signal }) };
  } catch {
    return { failure: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
}
