import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * `pnpm test:interop`: the tests against real SOAP peers (Mono WCF, spyne, zeep, node-soap, gSOAP),
 * test/interop/**\/*.interop.test.ts. The peers are installed and built by tools/peers/install.sh;
 * a missing peer skips its suite, or fails it with WWSAPI_INTEROP_REQUIRED=1 (CI).
 * Same module resolution as the unit tests (TypeScript sources, no build).
 */
export default defineConfig({
  ...(base.resolve === undefined ? {} : { resolve: base.resolve }),
  test: {
    include: ["test/interop/**/*.interop.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    // Peers start slowly (Mono: 1-3 s) and each test talks to a real process.
    testTimeout: 60_000,
    hookTimeout: 90_000,
    // Two cores: the peer processes need CPU as well as the test workers.
    maxWorkers: 2,
    // One retry, for the peers' own stalls (Mono's net.tcp listener has left a new session's
    // preamble unanswered for 20-30 s after earlier sessions ended: tools/peers/README.md). A test
    // that fails twice is red; the unit tests (vitest.config.ts) never retry.
    retry: 1,
  },
});
