import { handoff } from '../../contract/handoff';

/** Whitespace, and every dash a keyboard or a word processor may put in: hyphen-minus, U+2010–2015, minus. */
const separators = /[\s\-\u2010-\u2015\u2212]/gu;
const handoffCode = new RegExp(handoff.codePattern, 'u');

/**
 * A pasted code as the person meant it. A handoff code is letters and digits only, so spaces and
 * dashes someone added to read it in groups are dropped, but only when what is left is exactly a
 * handoff code: anything else (a code from another server, where a dash can belong to the code,
 * or a sentence) is only trimmed, and goes to the usual shape check.
 */
export function normalisePastedCode(pasted: string): string {
  const text = pasted.trim();
  const joined = text.replace(separators, '');
  return handoffCode.test(joined) ? joined : text;
}
