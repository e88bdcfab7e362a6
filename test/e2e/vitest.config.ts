/**
 * End-to-end tests: a real server and Debian Chromium against the built web app.
 * Run with `npm run build:web && npx vitest run --config test/e2e/vitest.config.ts`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 90_000,
    // One server and one browser at a time: the machine has 2 cores.
    fileParallelism: false,
    pool: 'forks',
  },
});
