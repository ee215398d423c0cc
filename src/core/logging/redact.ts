import type { LogLevel } from '../ports';

/**
 * What a log line may not carry, even by mistake: callers pass only safe fields (ports.ts), and
 * this is the second line of defence before anything reaches a file a user may attach to a bug.
 */
export const redacted = '[redacted]';

/** Field names whose values are never written, whatever they hold. */
const secretFields = /token|verifier|password|cookie|authorization|^code$|^state$|^user_code$/iu;

/** `code=…`, `access_token=…` and the like, in a URL or a sentence. */
const secretParameters = /\b(code|state|token|access_token|refresh_token|id_token|code_verifier|verifier|password)=([^&\s"'#]+)/giu;

const bearer = /\bBearer\s+[^\s"',]+/giu;

/**
 * Long runs of token alphabet with upper case, lower case and digits: what a session token, a
 * sign-in code or a PKCE verifier looks like (base64url, 32 or more characters), and what words,
 * paths and timestamps do not.
 */
const tokenLike = /[A-Za-z0-9_~+=.-]{24,}/gu;

function looksLikeToken(run: string): boolean {
  return /[A-Z]/u.test(run) && /[a-z]/u.test(run) && /[0-9]/u.test(run);
}

/** The text with anything secret-looking replaced. */
export function redactText(text: string): string {
  return text
    .replace(secretParameters, (_match, name: string) => `${name}=${redacted}`)
    .replace(bearer, `Bearer ${redacted}`)
    .replace(tokenLike, (run) => (looksLikeToken(run) ? redacted : run));
}

export type LogFields = Record<string, string | number | boolean | null>;

export interface LogRecord {
  time: string;
  level: LogLevel;
  message: string;
  fields?: LogFields;
}

/** One line of a log file: JSON, redacted, newline-free. */
export function formatLogLine(record: LogRecord): string {
  const fields = record.fields
    ? Object.fromEntries(
        Object.entries(record.fields).map(([key, value]) => [
          key,
          secretFields.test(key) ? redacted : typeof value === 'string' ? redactText(value) : value,
        ]),
      )
    : undefined;
  return JSON.stringify({ ...record, message: redactText(record.message), ...(fields ? { fields } : {}) });
}
