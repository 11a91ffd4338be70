import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import {
  ref,
  WS_CHARSET_UTF8,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  type WS_XML_WRITER,
  WS_XML_WRITER_ENCODING_TYPE_TEXT,
  WS_XML_WRITER_OUTPUT_TYPE_BUFFER,
  WS_XML_WRITER_PROPERTY_BYTES,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { xmlImplementation as xml } from "@wwsapi/xml/internal";
import { afterEach, expect } from "vitest";

/** Helpers of the net.tcp tests: golden captures, XML dumps, raw TCP peers on 127.0.0.1 port 0. */

const GOLDEN = new URL("../../../../../shared/golden/mono-wcf/", import.meta.url);
export const capture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, GOLDEN)));
export const CAPTURE_VIA = "net.tcp://127.0.0.1:28080/calc/tcp";
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
export const never = (): AbortSignal => new AbortController().signal;

/** The undo steps of a test file's tests, run newest first after each test (this registers the afterEach). */
export function cleanupsAfterEach(): (() => Promise<void> | void)[] {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}

/** The WsError `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function rejection(promise: Promise<unknown>): Promise<WsError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(WsError);
    return error as WsError;
  }
  throw new Error("expected a rejection");
}

export function newReader(): WS_XML_READER {
  const reader = ref<WS_XML_READER | null>(null);
  xml.WsCreateReader(null, reader, null);
  return reader.value!;
}

export function newWriter(): WS_XML_WRITER {
  const writer = ref<WS_XML_WRITER | null>(null);
  xml.WsCreateWriter(null, writer, null);
  return writer.value!;
}

/** The document a reader is positioned on, copied to UTF-8 text. */
export function readerText(reader: WS_XML_READER): string {
  const writer = newWriter();
  xml.WsSetOutput(
    writer,
    { encodingType: WS_XML_WRITER_ENCODING_TYPE_TEXT, charSet: WS_CHARSET_UTF8 } as never,
    { outputType: WS_XML_WRITER_OUTPUT_TYPE_BUFFER },
    null,
    null,
  );
  for (;;) {
    xml.WsReadNode(reader, null);
    const node = ref<unknown>(null);
    xml.WsGetReaderNode(reader, node as never, null);
    if ((node.value as { nodeType: number }).nodeType === WS_XML_NODE_TYPE_EOF) break;
    xml.WsWriteNode(writer, node.value as never, null);
  }
  const bytes = ref<unknown>(null);
  xml.WsGetWriterProperty(writer, WS_XML_WRITER_PROPERTY_BYTES, bytes, null);
  const text = new TextDecoder().decode(bytes.value as Uint8Array);
  xml.WsFreeWriter(writer);
  return text;
}

/** A raw TCP server on 127.0.0.1, port 0, that records every socket it accepts. */
export async function rawServer(onConnection: (socket: Socket) => void): Promise<{ server: Server; port: number; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    sockets.push(socket);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return { server, port: typeof address === "object" && address !== null ? address.port : 0, sockets };
}

export async function closeServer(server: Server, sockets: readonly Socket[]): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
