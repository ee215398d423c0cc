/**
 * Reads the fenced code blocks of a Markdown guide, so a test can run them as they are written.
 * The convention, stated once (docs/integrate.md and the package README follow it):
 *
 * - a block whose first line names a file (`// auth.ts`, `# .env`, `<!-- public/sign-in.html -->`)
 *   is that file, written into the project in document order;
 * - a ```sh block is commands, run in the project folder in document order, which must succeed;
 * - a ```sh process=NAME block is one command that keeps running (a server, a client waiting for
 *   the browser): the test starts it and talks to it by NAME;
 * - a block marked `illustrative` in its info string (```ts illustrative) is shown, not run.
 *
 * Anything else is refused with its line number, so a block cannot be skipped silently: a new
 * block either runs or says that it does not.
 */
export type CodeBlock =
  | { kind: 'file'; line: number; language: string; path: string; text: string }
  | { kind: 'commands'; line: number; text: string }
  | { kind: 'process'; line: number; name: string; command: string }
  | { kind: 'illustrative'; line: number; language: string; text: string };

export class GuideError extends Error {
  override name = 'GuideError';
}

/** A path inside the project: letters, digits, dots, dashes, slashes; no `..`, not absolute. */
const pathPattern = /^(?!\/)(?!.*\.\.)[\w.@/-]*[\w-]\.[\w]+$|^\.[\w.-]+$/u;
const fileNamePatterns = [/^\/\/ (\S+)$/u, /^# (\S+)$/u, /^<!-- (\S+) -->$/u];

function fileNamed(firstLine: string): string | null {
  for (const pattern of fileNamePatterns) {
    const name = pattern.exec(firstLine.trim())?.[1];
    if (name && pathPattern.test(name)) return name;
  }
  return null;
}

function classify(source: string, line: number, info: string, text: string): CodeBlock {
  const [language = '', ...words] = info.trim().split(/\s+/u).filter(Boolean);
  const where = `${source}:${line}`;
  if (!language) throw new GuideError(`${where}: a code block needs a language (\`\`\`sh, \`\`\`ts …), and \`illustrative\` if it is not meant to run.`);
  const illustrative = words.includes('illustrative');
  const process = words.find((word) => word.startsWith('process='))?.slice('process='.length);
  const unknown = words.filter((word) => word !== 'illustrative' && !word.startsWith('process='));
  if (unknown.length > 0) throw new GuideError(`${where}: unknown word "${unknown[0]}" in the info string; the guide knows "illustrative" and "process=NAME".`);
  if (illustrative) {
    if (process !== undefined) throw new GuideError(`${where}: a block is either illustrative or a process, not both.`);
    return { kind: 'illustrative', line, language, text };
  }
  if (process !== undefined) {
    const command = text.trim();
    if (language !== 'sh' || !/^[\w-]+$/u.test(process)) throw new GuideError(`${where}: process=NAME goes on a \`\`\`sh block, with a NAME of letters, digits and dashes.`);
    if (command.includes('\n')) throw new GuideError(`${where}: a process block holds exactly one command.`);
    return { kind: 'process', line, name: process, command };
  }
  const path = fileNamed(text.split('\n', 1)[0] ?? '');
  if (path) return { kind: 'file', line, language, path, text };
  if (language === 'sh') return { kind: 'commands', line, text };
  throw new GuideError(
    `${where}: this \`\`\`${language} block neither names its file on its first line (as \`// auth.ts\`) nor is marked \`\`\`${language} illustrative, so nothing would check it.`,
  );
}

/** Every fenced block of a Markdown text, in order, classified; throws a GuideError on the first it cannot place. */
export function codeBlocks(markdown: string, source: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const open = /^( {0,3})(`{3,}|~{3,})(.*)$/u.exec(lines[index]!);
    if (!open) continue;
    const [, indent, fence, info] = open;
    if (indent || fence!.length !== 3 || fence![0] !== '`') {
      throw new GuideError(`${source}:${index + 1}: use an unindented \`\`\` fence, which the guide's test reads.`);
    }
    const close = lines.findIndex((text, at) => at > index && text === '```');
    if (close < 0) throw new GuideError(`${source}:${index + 1}: this code block is never closed.`);
    blocks.push(classify(source, index + 1, info!, lines.slice(index + 1, close).join('\n') + '\n'));
    index = close;
  }
  return blocks;
}
