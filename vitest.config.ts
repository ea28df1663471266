import { defineConfig } from 'vitest/config';

/** One runner for the whole workspace: each package is a project so `--project api` runs one. */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'repo', root: '.', include: ['scripts/**/*.test.ts'] } },
      { test: { name: 'contracts', root: 'packages/contracts', include: ['src/**/*.test.ts'] } },
      { test: { name: 'curriculum', root: 'packages/curriculum', include: ['src/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'graders',
          root: 'packages/graders',
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api',
          root: 'apps/api',
          include: ['src/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'cli',
          root: 'apps/cli',
          include: ['src/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      { test: { name: 'web', root: 'apps/web', include: ['src/**/*.test.{ts,tsx}'], environment: 'happy-dom' } },
    ],
  },
});
