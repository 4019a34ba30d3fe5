import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The browser test needs Chromium, which a fresh machine lacks, and the install tests need
    // the network and minutes: each has a command of its own, `npm run test:browser`
    // (vitest.browser.config.ts) and `npm run test:install` (vitest.install.config.ts).
    exclude: [...configDefaults.exclude, "test/browser/**", "test/install/**"],
    // The tests that run the built binary need it current: built before any test, unless the
    // last build read exactly the files there are now (scripts/build-inputs.mjs).
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 20_000,
    // `npm run test:fast` leaves these out: whole files in test/process/ (`// @module-tag`),
    // and the describe blocks elsewhere that say `{ tags: ["process"] }`.
    tags: [
      {
        name: "process",
        description:
          "starts the built binary, a shell, Biome, or git merging and cloning: what only a real process shows",
      },
    ],
    // Every core: many tests wait on processes they spawn (vitest's default leaves one core
    // idle, which on a 2-core machine runs the files one at a time).
    maxWorkers: availableParallelism(),
    // Test files share a worker's modules instead of loading golive and its dependencies again
    // for each file, which took a third of the run. That holds because no test mocks a module
    // or keeps global state past its file: test/setup.ts removes temporary folders per file,
    // test/helpers/cli.ts sets __GOLIVE_CATALOGUES__ only while golive runs, and the tests that
    // change TZ put it back.
    isolate: false,
  },
});
