// `npm run test:install`: every install command in the docs, run for real (npm installs from
// the registry or npm's cache, git clones, the composite action as GitHub's runner runs it).
// It takes minutes and needs the network, so it is kept out of `npm test`; .ci/run runs it.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/install/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
