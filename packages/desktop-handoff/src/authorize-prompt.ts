/**
 * What an authorize request asks of the sign-in itself (OpenID Connect Core 1.0 §3.1.2.1):
 * `prompt`, `login_hint` and `max_age`. Parsed once, from untrusted input, into a value the
 * endpoints decide with; anything malformed is refused with one reason.
 */

/**
 * The `prompt` values the plugin honours, as its metadata advertises them (`prompt_values_supported`,
 * OpenID Connect Prompt Create §4.1): Core's four, and `create` (the create-account view).
 */
export const promptValues = ['none', 'login', 'consent', 'select_account', 'create'] as const;
export type PromptValue = (typeof promptValues)[number];

export interface SignInPrompt {
  /** The `prompt` values, each once; empty when the request named none. */
  values: ReadonlySet<PromptValue>;
  /** `login_hint` when it is an email address: the only kind of identifier these pages sign in with. */
  loginHint: string | null;
  /** `max_age` in seconds: the oldest sign-in the request accepts. */
  maxAge: number | null;
}

export const noPrompt: SignInPrompt = { values: new Set(), loginHint: null, maxAge: null };

/** Limits on what a browser may hand us: an email's length (RFC 5321 §4.5.3.1.3), ten digits of seconds. */
export const promptLimits = { prompt: 128, loginHint: 254, maxAgeDigits: 10 } as const;

const emailPattern = /^[^\s@]+@[^\s@]+$/u;
const controlPattern = /[\u0000-\u001f\u007f]/u;

export type PromptCheck = { ok: true; prompt: SignInPrompt } | { ok: false; description: string };

function parseValues(raw: string | null): ReadonlySet<PromptValue> | string {
  if (raw === null) return new Set();
  if (raw.length > promptLimits.prompt) return 'prompt is too long';
  const words = raw.split(' ').filter((word) => word !== '');
  const values = new Set<PromptValue>();
  for (const word of words) {
    // Prompt Create §4.1: a value the server does not support is invalid_request.
    if (!(promptValues as readonly string[]).includes(word)) return `prompt value ${word.slice(0, 32)} is not supported`;
    values.add(word as PromptValue);
  }
  // Core §3.1.2.1: none with any other value is an error.
  if (values.has('none') && values.size > 1) return 'prompt=none cannot be combined with other values';
  return values;
}

function parseMaxAge(raw: string | null): number | null | string {
  if (raw === null) return null;
  if (!/^\d+$/u.test(raw) || raw.length > promptLimits.maxAgeDigits) return 'max_age must be a whole number of seconds';
  return Number(raw);
}

function parseLoginHint(raw: string | null): string | null | { refused: string } {
  if (raw === null) return null;
  if (raw.length > promptLimits.loginHint) return { refused: 'login_hint is too long' };
  const hint = raw.trim();
  // Any other kind of hint (a phone number, an opaque id) is a hint these pages cannot use: ignored.
  return emailPattern.test(hint) && !controlPattern.test(hint) ? hint : null;
}

/** Reads the three parameters; the caller has already refused any of them repeated. */
export function parsePrompt(params: URLSearchParams): PromptCheck {
  const values = parseValues(params.get('prompt'));
  if (typeof values === 'string') return { ok: false, description: values };
  const maxAge = parseMaxAge(params.get('max_age'));
  if (typeof maxAge === 'string') return { ok: false, description: maxAge };
  const loginHint = parseLoginHint(params.get('login_hint'));
  if (loginHint !== null && typeof loginHint === 'object') return { ok: false, description: loginHint.refused };
  return { ok: true, prompt: { values, loginHint, maxAge } };
}

/** The parameters again, for the query the pages' forms carry; only what was asked. */
export function promptParams(prompt: SignInPrompt): Record<string, string> {
  const params: Record<string, string> = {};
  if (prompt.values.size > 0) params.prompt = [...prompt.values].join(' ');
  if (prompt.loginHint !== null) params.login_hint = prompt.loginHint;
  if (prompt.maxAge !== null) params.max_age = String(prompt.maxAge);
  return params;
}
