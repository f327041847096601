import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // after the summary: every skipped test with the reason (an optional engine not installed)
    reporters: ["default", "./test/helpers/skip-reporter.ts"],
  },
});
