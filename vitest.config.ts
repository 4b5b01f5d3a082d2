import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Native add-ons (hnswlib-node, onnxruntime-node) are safest in child processes.
    pool: 'forks',
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // The browser tests and the site build share the machine's two cores.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
