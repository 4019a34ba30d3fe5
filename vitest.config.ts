import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // End-to-end tests run the bundled CLI: build it once, fresh, before any test.
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
  },
});
