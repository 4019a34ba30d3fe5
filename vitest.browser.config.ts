// `npm run test:browser`: the HTML report in Debian's headless Chromium (test/browser/). Kept
// out of `npm test`, which must pass on a fresh machine; this one needs /usr/bin/chromium (or
// GOLIVE_CHROMIUM) and fails, never skips, without it. .ci/run installs Chromium and runs both.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    setupFiles: ["test/setup.ts"],
    testTimeout: 60_000,
  },
});
