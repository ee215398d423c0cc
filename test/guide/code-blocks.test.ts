import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../packaging/project';
import { codeBlocks } from './code-blocks';

const fence = '```';
const guide = (...lines: string[]) => lines.join('\n');

describe('reading a guide’s code blocks', () => {
  it('places each block: a named file, commands, a process, or an illustration', () => {
    const blocks = codeBlocks(
      guide('Intro', `${fence}sh`, 'npm init -y', fence, `${fence}ts`, '// pages/a.ts', 'export {};', fence, `${fence}dotenv`, '# .env', 'A=1', fence,
        `${fence}html`, '<!-- public/a.html -->', '<p>', fence, `${fence}sh process=host`, 'npx tsx server.ts', fence, `${fence}sh illustrative`, 'npm run dist', fence),
      'g.md',
    );
    expect(blocks).toEqual([
      { kind: 'commands', line: 2, text: 'npm init -y\n' },
      { kind: 'file', line: 5, language: 'ts', path: 'pages/a.ts', text: '// pages/a.ts\nexport {};\n' },
      { kind: 'file', line: 9, language: 'dotenv', path: '.env', text: '# .env\nA=1\n' },
      { kind: 'file', line: 13, language: 'html', path: 'public/a.html', text: '<!-- public/a.html -->\n<p>\n' },
      { kind: 'process', line: 17, name: 'host', command: 'npx tsx server.ts' },
      { kind: 'illustrative', line: 20, language: 'sh', text: 'npm run dist\n' },
    ]);
  });

  it.each([
    ['a ts block that names no file', guide('text', `${fence}ts`, 'const a = 1;', fence), /g\.md:2: this ```ts block neither names its file .* nor is marked ```ts illustrative/u],
    ['a block with no language', guide(fence, 'echo hi', fence), /g\.md:1: a code block needs a language/u],
    ['an unknown word in the info string', guide(`${fence}sh skip`, 'echo', fence), /g\.md:1: unknown word "skip"/u],
    ['a process of two commands', guide(`${fence}sh process=host`, 'a', 'b', fence), /g\.md:1: a process block holds exactly one command/u],
    ['a block never closed', guide('a', `${fence}sh`, 'echo'), /g\.md:2: this code block is never closed/u],
    ['a tilde fence', guide('~~~sh', 'echo', '~~~'), /g\.md:1: use an unindented ``` fence/u],
    ['a file outside the project', guide(`${fence}ts`, '// ../auth.ts', fence), /g\.md:1: this ```ts block neither names its file/u],
  ])('refuses %s, with its line, instead of skipping it', (_label, markdown, reason) => {
    expect(() => codeBlocks(markdown, 'g.md')).toThrow(reason);
  });

  it('refuses a broken copy of docs/integrate.md: a new, untagged block in the middle of the guide', () => {
    const real = readFileSync(projectPath('docs/integrate.md'), 'utf8');
    expect(() => codeBlocks(real, 'docs/integrate.md')).not.toThrow();
    const broken = real.replace('### Another base path\n', `### Another base path\n\n${fence}ts\nexport const basePath = '/auth';\n${fence}\n`);
    const line = broken.split('\n').indexOf('### Another base path') + 3;
    expect(() => codeBlocks(broken, 'docs/integrate.md')).toThrow(`docs/integrate.md:${line}: this \`\`\`ts block neither names its file`);
  });
});
