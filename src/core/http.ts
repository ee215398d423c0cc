import { TransportError, type Http } from './ports';

/** Why a request brought back no complete answer. */
export type RequestFailure =
  /** The deadline passed: before the headers, or while the body was still coming. */
  | 'timeout'
  /** No connection: refused, reset, no route, no DNS. */
  | 'network'
  /** A connection, but its certificate was refused: expired, or from an unknown authority. */
  | 'tls'
  /** The answer was a redirect, which these requests never follow: a captive portal or a proxy. */
  | 'redirect'
  /** The headers came, then the body broke off. */
  | 'truncated'
  /** The body is larger than any answer of this kind can be. */
  | 'too_large';

/** A complete answer, body included, read within the deadline. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export type RequestOutcome = { answer: Answer } | { failure: RequestFailure };

export interface RequestLimits {
  /** One deadline for the whole answer: connection, headers and body. */
  timeoutMs: number;
  /** @default 64 KiB: a session, a token or a metadata document is a few hundred bytes. */
  maxBytes?: number;
}

export const defaultMaxBytes = 64 * 1024;

/**
 * One request through the Http port, read to its end under one deadline. The body is read here,
 * so no caller can hold a `Response` whose body has no deadline: a server or proxy that sends its
 * headers and then stalls ends as a timeout like one that never answers.
 */
export async function request(http: Http, url: string, init: RequestInit, limits: RequestLimits): Promise<RequestOutcome> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<RequestOutcome>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve({ failure: 'timeout' });
    }, limits.timeoutMs);
  });
  try {
    // The race, not only the abort signal, ends the wait: a port that ignores the signal cannot
    // hold the caller past the deadline.
    return await Promise.race([deadline, readAnswer(http, url, { ...init, signal: controller.signal }, limits.maxBytes ?? defaultMaxBytes)]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function readAnswer(http: Http, url: string, init: RequestInit, maxBytes: number): Promise<RequestOutcome> {
  let response: Response;
  try {
    response = await http(url, init);
  } catch (error) {
    return { failure: error instanceof TransportError ? error.failure : 'network' };
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    return { failure: 'too_large' };
  }
  const body = await readCapped(response, maxBytes);
  if ('failure' in body) return body;
  return { answer: { status: response.status, headers: response.headers, text: body.text } };
}

async function readCapped(response: Response, maxBytes: number): Promise<{ text: string } | { failure: 'truncated' | 'too_large' }> {
  if (!response.body) return { text: '' };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        void reader.cancel().catch(() => undefined);
        return { failure: 'too_large' };
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    return { failure: 'truncated' };
  }
  return { text: text + decoder.decode() };
}

/**
 * The body as JSON when the answer says it is JSON and it parses; `undefined` otherwise, so an
 * HTML page from a proxy or a portal is never mistaken for the server's word.
 */
export function jsonBody(answer: Answer): unknown {
  const type = answer.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/iu.test(type.trim())) return undefined;
  try {
    return JSON.parse(answer.text) as unknown;
  } catch {
    return undefined;
  }
}
