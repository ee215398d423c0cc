import { describe, expect, it } from 'vitest';
import { figures } from '../../bench/figures';
import { markdownTable, percentile } from '../../bench/stats';

describe('the benchmark script', () => {
  it.each(figures.map((figure) => [figure.name, figure]))('still measures %s', async (_name, figure) => {
    const measured = await figure.measure({ quick: true });
    const rows = Array.isArray(measured) ? measured : [measured];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(Number.isFinite(row.median) && row.median >= 0, row.figure).toBe(true);
      if (row.unit.endsWith('/s')) expect(row.p95).toBeLessThanOrEqual(row.median);
      else expect(row.p95).toBeGreaterThanOrEqual(row.median);
    }
    expect(markdownTable(rows).split('\n')).toHaveLength(rows.length + 2);
  }, 120_000);

  it('takes percentiles by rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 100], 95)).toBe(19);
    expect(() => percentile([], 50)).toThrow('No samples');
  });
});
