import { describe, expect, it } from 'vitest';
import { normalisePastedCode } from '../../../src/core/auth/pasted-code';

const code = 'Ab3dEfGh1jKLmn0pQRsTuvWxYz0123456789abcdEFG';
const groups = code.match(/.{1,4}/gu)!;

describe('a pasted code', () => {
  it.each([
    ['as copied', code, code],
    ['with spaces around it', `  ${code}\n`, code],
    ['in groups of four', groups.join(' '), code],
    ['in groups joined by dashes', groups.join('-'), code],
    ['with two spaces and a tab', groups.join('  \t'), code],
    ['with non-breaking spaces', groups.join('\u00a0'), code],
    ['with en and em dashes', `${code.slice(0, 10)}\u2013${code.slice(10, 20)}\u2014${code.slice(20)}`, code],
    ['with a minus sign', `${code.slice(0, 21)}\u2212${code.slice(21)}`, code],
    ['broken over lines', `${code.slice(0, 22)}\r\n${code.slice(22)}`, code],
  ])('%s is the code alone', (_label, pasted, expected) => {
    expect(normalisePastedCode(pasted)).toBe(expected);
  });

  it.each([
    ['a code with a dash of its own (another server)', 'abc-DEF-ghi-JKL-mno-PQR-stu-VWX-yz0-123-45'],
    ['one character short once its dashes go', `${code.slice(0, 20)}-${code.slice(21)}`],
    ['a sentence', 'I did not get a code'],
    ['a code with an underscore', `${code.slice(0, 40)}_${code.slice(40)}`],
    ['markup', '<img src=x>'],
  ])('%s is only trimmed', (_label, pasted) => {
    expect(normalisePastedCode(` ${pasted} `)).toBe(pasted);
  });
});
