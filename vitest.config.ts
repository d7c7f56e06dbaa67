import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'bench/**/*.test.ts'],
    // chDB opens one data directory per process: every test file runs in its own forked process.
    pool: 'forks',
    poolOptions: { forks: { singleFork: false } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
