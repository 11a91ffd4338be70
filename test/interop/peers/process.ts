import { type ChildProcess, spawn } from "node:child_process";
import { connect } from "node:net";
import { CLIENT_TIMEOUT_MS } from "./environment.js";

/**
 * Peer processes: servers started in the background and stopped by their own pid, clients run to
 * completion with a timeout. Nothing here kills by name.
 */

/** A running server peer: where it listens and how to stop it. */
export interface RunningServer {
  readonly pid: number;
  /** What the process wrote so far (stdout and stderr interleaved), for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL after 3 s; resolves when the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly cwd?: string;
  /** Ports that must accept a TCP connection before the server counts as started. */
  readonly ports: readonly number[];
  /** A line the server prints once it is open (checked as well as the ports), if it prints one. */
  readonly readyText?: string;
  /** How long to wait for it. */
  readonly startTimeoutMs?: number;
}

const MAX_OUTPUT = 64 * 1024;

/** Starts `command args` and waits until it answers on its ports; throws (after stopping it) if it does not. */
export async function startServer(command: string, args: readonly string[], options: StartOptions): Promise<RunningServer> {
  const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    if (output.length < MAX_OUTPUT) output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });
  const server: RunningServer = {
    pid: child.pid ?? -1,
    output: () => output,
    stop: () => stopChild(child, exited),
  };
  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  const what = `${command} ${args.join(" ")}`;
  try {
    while (true) {
      if (spawnError !== undefined) throw new Error(`${what} did not start: ${spawnError.message}`);
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output}`);
      }
      const printed = options.readyText === undefined || output.includes(options.readyText);
      if (printed && (await allAccept(options.ports))) return server;
      if (Date.now() > deadline) throw new Error(`${what} did not answer on ${options.ports.join(", ")} in time:\n${output}`);
      await delay(100);
    }
  } catch (error) {
    await server.stop();
    throw error;
  }
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.pid !== undefined) child.kill("SIGTERM");
  const killTimer = setTimeout(() => child.kill("SIGKILL"), 3000);
  await exited;
  clearTimeout(killTimer);
}

function allAccept(ports: readonly number[]): Promise<boolean> {
  return Promise.all(ports.map(accepts)).then((results) => results.every(Boolean));
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

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a client peer did. */
export interface ClientResult {
  /** The exit code, or null when it was killed (timedOut says whether by the timeout). */
  readonly code: number | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a client peer to completion; kills it (by its pid) after `timeoutMs`. Never rejects for a non-zero exit. */
export function runClient(
  command: string,
  args: readonly string[],
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      if (stdout.length < MAX_OUTPUT) stdout += chunk.toString("utf8");
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      if (stderr.length < MAX_OUTPUT) stderr += chunk.toString("utf8");
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? CLIENT_TIMEOUT_MS);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, timedOut, stdout, stderr });
    });
  });
}
