import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      '@': root,
      // 'server-only' throws outside React Server Components; tests run server code directly.
      'server-only': path.join(root, 'test/support/empty.ts'),
    },
  },
};

export default defineConfig({
  ...shared,
  test: {
    // Integration files share one database; running files one after another also lets PGlite (one connection) work.
    fileParallelism: false,
    projects: [
      {
        ...shared,
        // Property tests run hundreds of cases: give them room on a busy machine.
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'db/**/*.test.ts'], exclude: ['**/*.int.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['lib/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/integration-global-setup.ts'],
          setupFiles: ['test/support/integration-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
