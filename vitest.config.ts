import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const packages = ["core", "async-execute", "xml", "channels", "security", "service-model", "metadata", "webservices"];
const src = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// Tests run against the TypeScript sources of every package, so no build is needed first.
export default defineConfig({
  resolve: {
    alias: [
      { find: "@wwsapi/core/internal", replacement: src("./packages/core/src/runtime/index.ts") },
      { find: "@wwsapi/xml/internal", replacement: src("./packages/xml/src/internal/index.ts") },
      { find: "@wwsapi/channels/internal", replacement: src("./packages/channels/src/internal/index.ts") },
      ...packages.map((p) => ({ find: new RegExp(`^@wwsapi/${p}$`), replacement: src(`./packages/${p}/src/index.ts`) })),
    ],
  },
  test: {
    include: [
      "packages/*/src/**/*.test.ts",
      "packages/*/test/**/*.test.ts",
      "tools/*/src/**/*.test.ts",
      "spec/**/*.test.ts",
      "examples/**/*.test.ts",
    ],
    exclude: ["**/node_modules/**", "**/dist/**", "**/*.interop.test.ts"],
  },
});
