import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { connect, createServer } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * The Mono WCF peer of tools/peers (mono-wcf/Calc.cs: ICalculator under System.ServiceModel of
 * Mono 6.8), started as `mono Calc.exe server` for `pnpm demo --peer wcf`. This mirrors
 * test/interop/peers (startMonoServer, startServer): that harness imports vitest, which a plain
 * `tsx` run cannot load. The process is stopped by its own pid, never by name.
 */

export const CALC_EXE = fileURLToPath(new URL("../../tools/peers/mono-wcf/Calc.exe", import.meta.url));

/** What to run when the peer is missing (tools/peers/README.md). */
export const INSTALL_HELP = [
  "The WCF peer is Mono's System.ServiceModel running tools/peers/mono-wcf/Calc.exe. To install it",
  "(Debian/Ubuntu, root or sudo; apt-get install mono-complete, then mcs builds Calc.exe in < 1 s):",
  "",
  '    PEERS="mono" bash tools/peers/install.sh',
  "",
  "then run `pnpm demo --peer wcf` again. tools/peers/README.md says what the peer can and cannot do.",
];

/** Why the peer cannot run here, or undefined when it can. */
export function wcfPeerMissing(): string | undefined {
  const onPath = (process.env.PATH ?? "").split(":").some((dir) => {
    if (dir === "") return false;
    try {
      accessSync(`${dir}/mono`, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
  if (!onPath) return "mono is not installed";
  if (!existsSync(CALC_EXE)) return "tools/peers/mono-wcf/Calc.exe is not built";
  return undefined;
}

export interface WcfPeer {
  readonly pid: number;
  output(): string;
  /** SIGTERM, then SIGKILL after 3 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

export interface WcfPeerPorts {
  readonly httpPort: number;
  readonly tcpPort: number;
  /**
   * The port clients put in their HTTP endpoints' wsa:To (Calc.exe --public-http-port): the demo's
   * counting relay, so that WSHttpBinding's address filter accepts the messages it forwards.
   */
  readonly publicHttpPort: number;
}

/** The peer exits by itself after this long even if the demo is killed before it can stop it. */
const LIFETIME_SECONDS = 120;
const START_TIMEOUT_MS = 60_000;
const MAX_OUTPUT = 64 * 1024;

/** Starts the peer and resolves once it printed "server: open" and both ports accept connections. */
export async function startWcfPeer(ports: WcfPeerPorts): Promise<WcfPeer> {
  const args = [
    CALC_EXE,
    "server",
    "--http-port",
    String(ports.httpPort),
    "--tcp-port",
    String(ports.tcpPort),
    "--public-http-port",
    String(ports.publicHttpPort),
    "--seconds",
    String(LIFETIME_SECONDS),
    "--wsdl",
    "no",
  ];
  const child = spawn("mono", args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT) output += chunk.toString("utf8");
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  const peer: WcfPeer = { pid: child.pid ?? -1, output: () => output, stop: () => stop(child, exited) };
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    while (true) {
      if (spawnError !== undefined) throw new Error(`mono did not start: ${spawnError.message}`);
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`mono Calc.exe exited before it answered:\n${output}`);
      if (output.includes("server: open") && (await accepts(ports.httpPort)) && (await accepts(ports.tcpPort))) return peer;
      if (Date.now() > deadline) throw new Error(`mono Calc.exe did not open in ${START_TIMEOUT_MS / 1000} s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } catch (error) {
    await peer.stop();
    throw error;
  }
}

async function stop(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const killTimer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(killTimer);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.setTimeout(1000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
}

/** `count` distinct TCP ports on 127.0.0.1 that were free a moment ago (Calc.exe takes its ports as arguments). */
export async function freePorts(count: number): Promise<number[]> {
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
