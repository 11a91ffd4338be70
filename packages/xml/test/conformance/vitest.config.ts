import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import root from "../../../../vitest.config.js";

/**
 * The root config (its @wwsapi/* aliases to the sources, its excludes) with only the conformance suite
 * included. (Not mergeConfig: it would concatenate the include lists.)
 * From the repository root: pnpm exec vitest run --config packages/xml/test/conformance/vitest.config.ts
 */
export default defineConfig({
  ...root,
  root: fileURLToPath(new URL("../../../../", import.meta.url)),
  test: { ...root.test, include: ["packages/xml/test/conformance/**/*.test.ts"] },
});
