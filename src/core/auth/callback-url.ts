import { handoff } from '../../contract/handoff';

/**
 * The strict callback parser. A callback is trusted input only once it has exactly our redirect
 * URI (the custom scheme, or the loopback listener's own port) and only the parameters of RFC 6749
 * §4.1.2: `code` and `state`, or `error` (with `state` and `error_description` when present),
 * plus `iss` (RFC 9207), which must name the server we signed in at.
 */
export type Callback =
  | { kind: 'code'; redirectUri: string; code: string; state: string }
  | { kind: 'error'; redirectUri: string; error: string; description: string | null; state: string | null };

export type CallbackParse = { ok: true; callback: Callback } | { ok: false; reason: string };

export interface CallbackExpectation {
  /** The custom scheme in use (production or development). */
  scheme: string;
  /** The loopback listener's port, when one is open. */
  loopbackPort: number | null;
  /**
   * The server's issuer identifier, and whether it promised `iss` on every response (RFC 9207 §3).
   * Absent: any well-formed `iss` is accepted, none is required.
   */
  issuer?: { issuer: string; required: boolean };
}

export const callbackLimits = { url: 4096, code: 512, state: 512, error: 64, description: 1024, iss: 512 } as const;

const tokenPattern = /^[A-Za-z0-9._~-]+$/u;
const errorPattern = /^[a-z_]+$/u;
/** RFC 6749 §4.1.2.1: error_description is printable ASCII without `"` and `\`. */
const descriptionPattern = /^[\x20-\x21\x23-\x5B\x5D-\x7E]*$/u;
const allowedParams = new Set(['code', 'state', 'error', 'error_description', 'iss']);
/** RFC 8414 §2: an https (or, for a loopback server, http) URL with no query or fragment. */
const issuerPattern = /^https?:\/\/[\x21-\x22\x24-\x3E\x40-\x7E]+$/u;

const reject = (reason: string): CallbackParse => ({ ok: false, reason });

/** The redirect URIs a callback may have, lower-cased for the scheme comparison (RFC 3986 §3.1). */
function expectedBases(expect: CallbackExpectation): string[] {
  const bases = [`${expect.scheme}:${handoff.callbackPath}`];
  if (expect.loopbackPort !== null) bases.push(`http://127.0.0.1:${expect.loopbackPort}${handoff.callbackPath}`);
  return bases;
}

function matchBase(raw: string, expect: CallbackExpectation): string | null {
  const colon = raw.indexOf(':');
  if (colon < 1) return null;
  const normalised = raw.slice(0, colon).toLowerCase() + raw.slice(colon);
  return expectedBases(expect).find((base) => normalised === base) ?? null;
}

function decode(value: string): string | null {
  try {
    return decodeURIComponent(value.replaceAll('+', ' '));
  } catch {
    return null;
  }
}

export function parseCallback(input: unknown, expect: CallbackExpectation): CallbackParse {
  if (typeof input !== 'string') return reject('not a string');
  if (input.length === 0) return reject('empty');
  if (input.length > callbackLimits.url) return reject('too long');
  // A browser hands over URLs percent-encoded: anything else is not one it produced.
  if (!/^[\x21-\x7E]+$/u.test(input)) return reject('characters a URL cannot hold');
  if (input.includes('#')) return reject('a fragment');
  const question = input.indexOf('?');
  const base = matchBase(question === -1 ? input : input.slice(0, question), expect);
  if (base === null) return reject('not our redirect URI');
  if (question === -1) return reject('no parameters');

  const params = new Map<string, string>();
  for (const pair of input.slice(question + 1).split('&')) {
    const equals = pair.indexOf('=');
    if (equals < 1) return reject('a malformed parameter');
    const name = pair.slice(0, equals);
    if (!allowedParams.has(name)) return reject('an unexpected parameter');
    if (params.has(name)) return reject(`a duplicated ${name}`);
    const value = decode(pair.slice(equals + 1));
    if (value === null) return reject(`a badly encoded ${name}`);
    params.set(name, value);
  }

  const code = params.get('code');
  const state = params.get('state');
  const error = params.get('error');
  const description = params.get('error_description');
  if (state !== undefined && !(state.length <= callbackLimits.state && tokenPattern.test(state))) return reject('a malformed state');
  const issuerRefusal = checkIssuer(params.get('iss'), expect.issuer);
  if (issuerRefusal !== null) return reject(issuerRefusal);

  if (error !== undefined) {
    if (code !== undefined) return reject('both a code and an error');
    if (!(error.length <= callbackLimits.error && errorPattern.test(error))) return reject('a malformed error');
    if (description !== undefined && !(description.length <= callbackLimits.description && descriptionPattern.test(description))) {
      return reject('a malformed error_description');
    }
    return { ok: true, callback: { kind: 'error', redirectUri: base, error, description: description ?? null, state: state ?? null } };
  }
  if (description !== undefined) return reject('an error_description without an error');
  if (code === undefined) return reject('no code');
  if (!(code.length <= callbackLimits.code && tokenPattern.test(code))) return reject('a malformed code');
  if (state === undefined) return reject('no state');
  return { ok: true, callback: { kind: 'code', redirectUri: base, code, state } };
}

/**
 * RFC 9207 §2.4: `iss` is compared as a simple string with the issuer we expect; a server that
 * advertises the parameter and leaves it out is treated as a mix-up too.
 */
function checkIssuer(iss: string | undefined, expected: CallbackExpectation['issuer']): string | null {
  if (iss === undefined) return expected?.required ? 'no iss from a server that sends one' : null;
  if (!(iss.length <= callbackLimits.iss && issuerPattern.test(iss))) return 'a malformed iss';
  if (expected && iss !== expected.issuer) return 'an iss naming another server';
  return null;
}

/** Fields for a log line about a callback: never the code, never the whole URL. */
export function callbackLogFields(parse: CallbackParse): Record<string, string | boolean> {
  if (!parse.ok) return { accepted: false, reason: parse.reason };
  const { callback } = parse;
  return callback.kind === 'code'
    ? { accepted: true, redirect: callback.redirectUri, carries: 'code' }
    : { accepted: true, redirect: callback.redirectUri, carries: 'error', error: callback.error };
}
