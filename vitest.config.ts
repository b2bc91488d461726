import { defineConfig } from "vitest/config";

/**
 * The tests that start processes: the bot process against the Bot API stand-in (test/e2e/), the
 * command-line tools as their npm scripts run them (test/cli/), and SQLite beside another process.
 * Everything else runs in the test process: `npm run test:unit`.
 */
const E2E = ["test/e2e/**/*.test.ts", "test/cli/**/*.test.ts", "test/storage/sqlite-processes.test.ts"];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: E2E,
          // One test file after another in the same worker reuses the modules already loaded (the
          // unit tests keep no state between files, and each restores real timers): a third less CPU.
          isolate: false,
          // Every core, even on two (Vitest's default leaves one free): many files wait on a database.
          maxWorkers: "100%",
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: E2E,
          // The end-to-end tests start the bot as `npm start` does: from the bundle.
          globalSetup: ["test/build-bundle.ts"],
          // After the unit tests, with Vitest's default number of workers.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
