import { accessSync, constants, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";

/**
 * Where the interop peers live (tools/peers, built by tools/peers/install.sh) and whether each one
 * is there. A peer that is missing makes its suite skip, with the reason printed; with
 * WWSAPI_INTEROP_REQUIRED=1 (CI, after install.sh) it makes the suite fail instead.
 */

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const PEERS_DIR = fileURLToPath(new URL("../../../tools/peers/", import.meta.url));

/** Debian's interpreter: pyenv's python3 on PATH does not see python3-zeep / python3-spyne. */
export const DEBIAN_PYTHON = "/usr/bin/python3";

// Read by the tests only (never by a turbo task), so they are not declared in turbo.json.
const { WWSAPI_INTEROP_REQUIRED, WWSAPI_INTEROP_SERVER_SECONDS } = process.env;

/** True when a missing peer must fail the run (CI sets it after installing the peers). */
export const INTEROP_REQUIRED = WWSAPI_INTEROP_REQUIRED === "1";

/** Seconds every server peer lives at most (each one exits by itself after that); afterAll stops them sooner. */
export const SERVER_LIFETIME_SECONDS = Number(WWSAPI_INTEROP_SERVER_SECONDS ?? 300);

/** Milliseconds a client peer may run before it is killed. */
export const CLIENT_TIMEOUT_MS = 60_000;

export type PeerName = "mono" | "spyne" | "zeep" | "node-soap" | "gsoap";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(":").some((dir) => dir !== "" && executable(`${dir}/${command}`));
}

function pythonHas(module: string): boolean {
  // A file check, not an import: Debian puts its packages in /usr/lib/python3/dist-packages.
  return existsSync(`/usr/lib/python3/dist-packages/${module}`);
}

/** Why the peer cannot run here, or undefined when it can. */
export function peerMissing(peer: PeerName): string | undefined {
  const install = "run tools/peers/install.sh";
  switch (peer) {
    case "mono":
      if (!onPath("mono")) return `mono is not installed (${install})`;
      if (!existsSync(`${PEERS_DIR}mono-wcf/Calc.exe`)) return `tools/peers/mono-wcf/Calc.exe is not built (${install})`;
      return undefined;
    case "spyne":
    case "zeep":
      if (!executable(DEBIAN_PYTHON)) return `${DEBIAN_PYTHON} is not installed`;
      if (!pythonHas(peer)) return `python3-${peer} is not installed (${install})`;
      return undefined;
    case "gsoap":
      if (!executable(`${PEERS_DIR}gsoap/calc_server`) || !executable(`${PEERS_DIR}gsoap/calc_client`)) {
        return `tools/peers/gsoap/calc_server and calc_client are not built (${install})`;
      }
      return undefined;
    case "node-soap":
      try {
        createRequire(`${REPO_ROOT}bench/package.json`).resolve("soap");
        return undefined;
      } catch {
        return "the soap package is not in bench/node_modules (pnpm install)";
      }
  }
}

/**
 * describe() for tests that need some peers: skipped (reason printed) when one is missing, or, with
 * WWSAPI_INTEROP_REQUIRED=1, one failing test that says what is missing.
 */
export function describeWithPeers(name: string, peers: readonly PeerName[], body: () => void): void {
  const missing = peers.map((p) => [p, peerMissing(p)] as const).filter(([, why]) => why !== undefined);
  const reason = missing.map(([p, why]) => `${p}: ${why}`).join("; ");
  if (missing.length > 0 && INTEROP_REQUIRED) {
    describe(name, () => {
      it("has its peers installed (WWSAPI_INTEROP_REQUIRED=1)", () => {
        throw new Error(`interop peers missing: ${reason}`);
      });
    });
    return;
  }
  if (missing.length > 0) console.warn(`[interop] skipping "${name}": ${reason}`);
  describe.skipIf(missing.length > 0)(name, body);
}

/** `count` distinct TCP ports on 127.0.0.1 that were free a moment ago (for peers that take a port argument). */
export async function freePorts(count: number): Promise<number[]> {
  // All are held open together so that the same port cannot come back twice.
  const servers = Array.from({ length: count }, () => createServer());
  const ports = await Promise.all(
    servers.map(
      (server) =>
        new Promise<number>((resolve, reject) => {
          server.once("error", reject);
          server.listen(0, "127.0.0.1", () => {
            const address = server.address();
            resolve(typeof address === "object" && address !== null ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  return ports;
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port!;
}
