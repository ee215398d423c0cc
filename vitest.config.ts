import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Rough durations by folder, for files that no run has timed yet (a fresh checkout, a new file). */
const guesses: [prefix: string, ms: number][] = [
  ['test/e2e/', 20_000],
  ['test/bench/', 15_000],
  ['test/server/', 5_000],
  ['test/integration/', 3_000],
  ['test/packaging/', 1_000],
];

/** Per-file durations from the last `npm test` (test-results/vitest.json), by path from the root. */
function lastRun(root: string): Map<string, number> {
  const report = join(root, 'test-results', 'vitest.json');
  const durations = new Map<string, number>();
  if (!existsSync(report)) return durations;
  try {
    const results = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { name: string; startTime: number; endTime: number }[] };
    for (const file of results.testResults) durations.set(relative(root, file.name), file.endTime - file.startTime);
  } catch {
    // A damaged report only costs the order.
  }
  return durations;
}

/**
 * Runs the slowest files first, so that both workers stay busy to the end instead of one of them
 * finishing a long journey alone. Durations come from vitest's own cache, else from the last
 * `npm test` report, else a guess by folder.
 */
class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const reported = lastRun(root);
    const duration = (spec: TestSpecification) => {
      const cached = this.ctx.cache.getTestSpecificationResult(spec)?.duration;
      const path = relative(root, spec.moduleId);
      return cached ?? reported.get(path) ?? guesses.find(([prefix]) => path.startsWith(prefix))?.[1] ?? 100;
    };
    // Across both projects: grouped by project, the quick component files went first and held
    // both workers while the longest journeys waited.
    return [...files].sort((a, b) => duration(b) - duration(a) || (a.project.name < b.project.name ? -1 : 1));
  }
}

/**
 * Two projects: Node for the core, the server and the journeys (which drive real Chromium), and
 * jsdom for Svelte component tests. Node test files restore what they change (timers, spies) and
 * share no module state, so a worker runs file after file without restarting, and keeps one
 * Chromium for all of them (test/harness/chromium.ts); the slowest files start first.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: a single worker on two cores, which
    // left one core idle while a journey waited on Chromium or the server. The journeys spend
    // much of their time waiting, so two workers is the least.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowestFirst },
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/components/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // expect.poll waits for the app's own state to arrive; its one-second default is shorter
          // than a busy two-core machine sometimes needs to deliver a CDP event.
          expect: { poll: { timeout: 10_000 } },
          isolate: false,
        },
      },
      {
        plugins: [svelte({ configFile: false }), svelteTesting()],
        test: {
          name: 'components',
          environment: 'jsdom',
          include: ['test/components/**/*.test.ts'],
        },
      },
    ],
  },
});
