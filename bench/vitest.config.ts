import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/report.run.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
  },
});
