import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WsError } from "@wwsapi/core/internal";

/** A test HTTP(S) server on 127.0.0.1 and an ephemeral port that counts the connections it accepted. */
export interface TestServer {
  readonly url: string;
  readonly port: number;
  /** Connections accepted so far. */
  connections: number;
  readonly sockets: Set<Socket>;
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

export async function startServer(handler: Handler, tls?: { cert: string; key: string }): Promise<TestServer> {
  const server: Server = tls ? createHttpsServer(tls, handler) : createServer(handler);
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  server.on(tls ? "secureConnection" : "connection", (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `${tls ? "https" : "http"}://127.0.0.1:${port}/service`,
    port,
    get connections() {
      return state.connections;
    },
    sockets,
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

/** The request body as a Buffer. */
export async function readAll(source: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** A body as bytes, whichever form the transport gave it in. */
export async function bodyBytes(body: Uint8Array | AsyncIterable<Uint8Array>): Promise<Buffer> {
  return body instanceof Uint8Array ? Buffer.from(body) : readAll(body);
}

/** The code and message a promise rejects with (a WsError). */
export async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof WsError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a rejection");
}

/** A signal that never fires. */
export const never = (): AbortSignal => new AbortController().signal;

export const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, "utf8"));

/** Waits until `condition` holds, polling every 10 ms, at most `ms`. */
export async function until(condition: () => boolean, ms = 3000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost made with openssl, or the reason there is
 * none (no openssl on this machine).
 */
export function selfSignedCertificate(): { cert: string; key: string } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), "wwsapi-http-tls-"));
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
        "-days",
        "2",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
      ],
      { stdio: "ignore" },
    );
    return { cert: readFileSync(join(dir, "cert.pem"), "utf8"), key: readFileSync(join(dir, "key.pem"), "utf8") };
  } catch (error) {
    return { skip: `openssl could not make a test certificate: ${(error as Error).message}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
