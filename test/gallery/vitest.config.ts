import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/gallery/screenshots.run.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 600_000,
  },
});
