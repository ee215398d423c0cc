import { readFileSync, writeFileSync } from 'node:fs';
import { arch, cpus, loadavg, totalmem } from 'node:os';
import { it } from 'vitest';
import { chromiumBuild } from '../test/harness/chromium';
import { figures } from './figures';
import { markdownTable, type FigureResult } from './stats';

/**
 * `LATCHKEY_BENCH_ONLY=handoff,start` measures only those figures, prints them, and in BENCHMARKS.md
 * replaces only their rows (or adds them at the end of the table), leaving every other row as it was.
 */
const only = process.env.LATCHKEY_BENCH_ONLY?.split(',').map((name) => name.trim()).filter(Boolean) ?? [];

// `npm run bench`: measures every figure, prints the table and records it in BENCHMARKS.md.
it('measures every hot path', async () => {
  const results: FigureResult[] = [];
  // The machine may be shared: its load says how far the timed figures can be trusted.
  const loadAtStart = loadavg()[0]!;
  for (const figure of figures.filter((each) => only.length === 0 || only.includes(each.name))) {
    const measured = await figure.measure({ quick: false });
    results.push(...(Array.isArray(measured) ? measured : [measured]));
  }
  const table = markdownTable(results);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${arch()}, Node ${process.versions.node}, pages in ${await chromiumBuild()}`;
  const date = new Date().toISOString().slice(0, 10);
  const load = `load average ${loadAtStart.toFixed(1)} at the start and ${loadavg()[0]!.toFixed(1)} at the end (1-minute, ${cpus().length} cores)`;
  console.log(`\n${table}\n`);
  const file = new URL('../BENCHMARKS.md', import.meta.url);
  if (only.length > 0) {
    writeFileSync(file, withRows(readFileSync(file, 'utf8'), table.split('\n').slice(2)));
    return;
  }
  writeFileSync(
    file,
    `# Benchmarks\n\nMeasured ${date} on ${machine}, ${load}. Each timed figure is the median and p95 over at least 5 runs after a warm-up.\n\n${table}\n\n` +
      'Reproduce with `npm run bench` (it builds first and rewrites this file). `npm test` runs a quick smoke pass of the same code.\n',
  );
}, 600_000);

/** The file with each of `rows` in place of the row of the same figure, or after the table's last row. */
function withRows(markdown: string, rows: string[]): string {
  const lines = markdown.split('\n');
  const figureOf = (line: string) => line.split('|')[1]?.trim();
  for (const row of rows) {
    const at = lines.findIndex((line) => line.startsWith('| ') && figureOf(line) === figureOf(row));
    if (at >= 0) lines[at] = row;
    else lines.splice(lines.findLastIndex((line) => line.startsWith('|')) + 1, 0, row);
  }
  return lines.join('\n');
}
