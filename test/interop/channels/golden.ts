import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";

/**
 * The golden captures of real WCF (Mono 6.8) in /work/shared/golden/mono-wcf (README.md there): one
 * TCP connection per `NAME-1.*` set, `.c2s.bin` what the client sent, `.s2c.bin` what the server
 * answered, `.chunks.json` the reads in arrival order. `replay` sends a capture's client bytes
 * unchanged, chunk by chunk, waiting wherever the capture shows the server speaking first.
 */

export const GOLDEN_DIR = fileURLToPath(new URL("../../../../shared/golden/mono-wcf/", import.meta.url));

export const goldenMissing = (): string | undefined =>
  existsSync(`${GOLDEN_DIR}basic-add-1.c2s.bin`) ? undefined : `the golden captures are not in ${GOLDEN_DIR}`;

export const golden = (file: string): Uint8Array => new Uint8Array(readFileSync(`${GOLDEN_DIR}${file}`));

interface Chunk {
  readonly dir: "c2s" | "s2c";
  readonly offset: number;
  readonly length: number;
}

/** The client's chunks of capture `name` (e.g. "basic-add-1"), each with whether the server spoke before it. */
export function clientChunks(name: string): { bytes: Uint8Array; afterServer: boolean }[] {
  const c2s = golden(`${name}.c2s.bin`);
  const chunks = JSON.parse(readFileSync(`${GOLDEN_DIR}${name}.chunks.json`, "utf8")) as Chunk[];
  const out: { bytes: Uint8Array; afterServer: boolean }[] = [];
  let serverSpoke = false;
  for (const chunk of chunks) {
    if (chunk.dir === "s2c") serverSpoke = true;
    else {
      out.push({ bytes: c2s.subarray(chunk.offset, chunk.offset + chunk.length), afterServer: serverSpoke });
      serverSpoke = false;
    }
  }
  return out;
}

/**
 * Replays capture `name` against 127.0.0.1:`port`: each client chunk is written once the server has
 * sent something new since the previous one (when the capture had the server speak in between).
 * Resolves with everything received when `done(received)` says the answer is complete, or when the
 * server closes; rejects after `timeoutMs`.
 */
export function replay(name: string, port: number, done: (received: Uint8Array) => boolean, timeoutMs = 15_000): Promise<Uint8Array> {
  const chunks = clientChunks(name);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port });
    let received = new Uint8Array(0);
    let seen = 0;
    let next = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`replay ${name}: no complete answer in ${timeoutMs} ms; got ${received.length} bytes`));
    }, timeoutMs);
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const pump = () => {
      while (next < chunks.length) {
        const chunk = chunks[next]!;
        if (chunk.afterServer && received.length === seen) return;
        seen = received.length;
        socket.write(chunk.bytes);
        next++;
      }
    };
    socket.on("connect", pump);
    socket.on("data", (data: Buffer) => {
      const joined = new Uint8Array(received.length + data.length);
      joined.set(received);
      joined.set(data, received.length);
      received = joined;
      if (done(received)) finish();
      else pump();
    });
    socket.on("close", finish);
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** One HTTP/1.1 response: status, lower-case headers, body (Content-Length or chunked). */
export interface HttpResponse {
  readonly status: number;
  readonly headers: ReadonlyMap<string, string>;
  readonly body: Uint8Array;
}

const latin1 = new TextDecoder("latin1");

/**
 * The responses in `bytes` (interim 1xx ones included), or undefined when the last one is not
 * complete yet.
 */
export function parseResponses(bytes: Uint8Array): HttpResponse[] | undefined {
  const responses: HttpResponse[] = [];
  let at = 0;
  for (let guard = 0; at < bytes.length && guard < 16; guard++) {
    const text = latin1.decode(bytes.subarray(at));
    const headEnd = text.indexOf("\r\n\r\n");
    if (headEnd < 0) return undefined;
    const lines = text.slice(0, headEnd).split("\r\n");
    const status = Number(lines[0]!.split(" ")[1]);
    const headers = new Map(
      lines.slice(1).map((line) => [line.slice(0, line.indexOf(":")).toLowerCase(), line.slice(line.indexOf(":") + 1).trim()] as const),
    );
    let bodyStart = at + headEnd + 4;
    if (status < 200) {
      responses.push({ status, headers, body: new Uint8Array(0) });
      at = bodyStart;
      continue;
    }
    if (headers.get("transfer-encoding")?.toLowerCase() === "chunked") {
      const parts: Uint8Array[] = [];
      for (let i = 0; i < 10_000; i++) {
        const sizeLineEnd = latin1.decode(bytes.subarray(bodyStart)).indexOf("\r\n");
        if (sizeLineEnd < 0) return undefined;
        const size = Number.parseInt(latin1.decode(bytes.subarray(bodyStart, bodyStart + sizeLineEnd)), 16);
        const dataStart = bodyStart + sizeLineEnd + 2;
        if (bytes.length < dataStart + size + 2) return undefined;
        if (size === 0) {
          bodyStart = dataStart + 2;
          break;
        }
        parts.push(bytes.subarray(dataStart, dataStart + size));
        bodyStart = dataStart + size + 2;
      }
      responses.push({ status, headers, body: new Uint8Array(Buffer.concat(parts)) });
      at = bodyStart;
      continue;
    }
    const length = Number(headers.get("content-length") ?? 0);
    if (bytes.length < bodyStart + length) return undefined;
    responses.push({ status, headers, body: bytes.subarray(bodyStart, bodyStart + length) });
    at = bodyStart + length;
  }
  return responses;
}

/** True once `bytes` hold a final (non-1xx) response. */
export const hasFinalResponse = (bytes: Uint8Array): boolean => parseResponses(bytes)?.some((r) => r.status >= 200) === true;
