import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end tests start the bot as `npm start` does: from the bundle.
    globalSetup: ["test/build-bundle.ts"],
    testTimeout: 30_000,
  },
});
