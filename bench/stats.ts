/** One measured figure, as a row of the benchmark table. */
export interface FigureResult {
  figure: string;
  median: number;
  p95: number;
  unit: string;
  runs: number;
  reference: string;
}

export interface Figure {
  name: string;
  reference: string;
  /** Measures; `quick` does the least that still exercises every step (the smoke pass in npm test). */
  measure(options: { quick: boolean }): Promise<FigureResult | FigureResult[]>;
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) throw new Error('No samples to summarise');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

/** For times the slow tail is the 95th percentile; for rates (unit "req/s") it is the 5th. */
export function summarise(figure: string, samples: number[], unit: string, reference: string): FigureResult {
  const tail = unit.endsWith('/s') ? percentile(samples, 5) : percentile(samples, 95);
  return { figure, median: percentile(samples, 50), p95: tail, unit, runs: samples.length, reference };
}

/** Runs `once` `warmup` times unmeasured, then `runs` times, returning each run's milliseconds. */
export async function timeRuns(once: () => Promise<void> | void, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await once();
    samples.push(performance.now() - start);
  }
  return samples;
}

const format = (value: number, unit: string) =>
  unit === 'ms' ? (value < 1 ? value.toFixed(3) : value.toFixed(1)) : unit === 'kB' || unit === '×' ? value.toFixed(1) : value.toFixed(0);

export function markdownTable(results: FigureResult[]): string {
  const rows = results.map(
    (r) => `| ${r.figure} | ${format(r.median, r.unit)} ${r.unit} | ${format(r.p95, r.unit)} ${r.unit} | ${r.runs} | ${r.reference} |`,
  );
  return ['| figure | median | slow tail (p95 time, p5 rate) | runs | reference |', '|---|---|---|---|---|', ...rows].join('\n');
}
