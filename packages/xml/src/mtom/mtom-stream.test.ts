import {
  ref,
  S_OK,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_READER,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_MAX_MIME_PARTS,
  WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE,
  WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsFillReader, WsReadBytes, WsReadNode, WsSetInput } from "../index.js";
import { chunkedSource, streamInput } from "../streams/stream.test-support.js";
import {
  concat,
  current,
  ECHO_BYTES,
  firstString,
  golden,
  httpMessages,
  newError,
  newReader,
  type ReaderFields,
  readerEncoding,
  describe as show,
} from "./mtom.test-support.js";

const [monoRequest] = httpMessages(golden("mtom-bytes-1.c2s.bin"));
const MONO = monoRequest!.body;

/** A reader on `data` as a stream delivered `chunk` bytes a call, and the source that counts what it delivered. */
function streamReader(data: Uint8Array, chunk: number, fields: ReaderFields = {}, properties: WS_XML_READER_PROPERTY[] | null = null) {
  const source = chunkedSource(data, chunk);
  const reader = newReader();
  expect(WsSetInput(reader, readerEncoding(fields), streamInput(source.callback), properties)).toBe(S_OK);
  return { reader, source };
}

/**
 * The nodes to EOF as an application reads a stream: WsFillReader(minSize) before each WsReadNode.
 * A failure ends the list with its HRESULT and message.
 */
function streamNodes(reader: WS_XML_READER, minSize = 4096): string[] {
  const error = newError();
  const out: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    let hr = WsFillReader(reader, minSize, null, error) as number;
    if (hr === S_OK) hr = WsReadNode(reader, error);
    if (hr !== S_OK) return [...out, `failed 0x${(hr >>> 0).toString(16)}: ${firstString(error)}`];
    const node = current(reader);
    if (node.nodeType === 8) return out;
    out.push(show(node));
  }
  throw new Error("no EOF");
}

const ECHO_BASE64 = `text:3:${Buffer.from(ECHO_BYTES).toString("base64")}`;
const MONO_NODES = ["<s:Envelope>", "<s:Body>", "<EchoBytes>", "<data>", ECHO_BASE64, "</>", "</>", "</>", "</>"];

describe("WS_XML_READER_MTOM_ENCODING with WS_XML_READER_STREAM_INPUT", () => {
  it("reads the golden request however the bytes arrive, the same nodes as from a buffer", () => {
    for (const chunk of [1, 7, 100, 4096]) expect(streamNodes(streamReader(MONO, chunk).reader)).toEqual(MONO_NODES);
  });

  it("gives a part as base64 text nodes of what is buffered, which WsReadBytes reads as one content", () => {
    const pieces = streamNodes(streamReader(MONO, 1000).reader, 500).filter((n) => n.startsWith("text:3:"));
    expect(pieces.length).toBeGreaterThan(1);
    const joined = pieces.map((p) => Buffer.from(p.slice(7), "base64"));
    expect(new Uint8Array(Buffer.concat(joined))).toEqual(ECHO_BYTES);

    const { reader } = streamReader(MONO, 300);
    const read: Uint8Array[] = [];
    for (let i = 0; i < 5; i++) {
      expect(WsFillReader(reader, 4096, null)).toBe(S_OK);
      expect(WsReadNode(reader)).toBe(S_OK);
    }
    const buffer = new Uint8Array(333);
    for (;;) {
      expect(WsFillReader(reader, 4096, null)).toBe(S_OK);
      const count = ref(0);
      expect(WsReadBytes(reader, buffer, count)).toBe(S_OK);
      if (count.value === 0) break;
      read.push(buffer.slice(0, count.value));
    }
    expect(concat(...read)).toEqual(ECHO_BYTES);
  });

  it("refuses to read past what is buffered (WS_E_QUOTA_EXCEEDED), as WsFillReader says", () => {
    const { reader } = streamReader(MONO, 100);
    const error = newError();
    expect(WsReadNode(reader, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsReadNode: MTOM reader: the MIME header is not completely buffered (the root part is read whole before its first node, from a stream); call WsFillReader first.",
    );
  });

  it("refuses MIME headers longer than WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE as they arrive", () => {
    const { reader, source } = streamReader(MONO, 16, {}, [{ id: WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE, value: 100 }]);
    expect(streamNodes(reader)).toEqual([
      "failed 0x803d0008: MTOM reader: the MIME headers from byte 0 (the MIME header) are longer than the 100 bytes of WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE.",
    ]);
    expect(source.at).toBe(112); // 7 reads of 16 bytes: refused as soon as the bound was passed
  });

  it("refuses a root part longer than WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE as it arrives", () => {
    const props: WS_XML_READER_PROPERTY[] = [{ id: WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE, value: 200 }];
    const { reader, source } = streamReader(MONO, 64, {}, props);
    expect(streamNodes(reader)).toEqual([
      "failed 0x803d0008: MTOM reader: the root MIME part (its content starts at byte 376) is longer than the 200 bytes of WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE.",
    ]);
    expect(source.at).toBeLessThan(376 + 300);
    const fits: WS_XML_READER_PROPERTY[] = [{ id: WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE, value: 400 }];
    expect(streamNodes(streamReader(MONO, 64, {}, fits).reader)).toEqual(MONO_NODES);
  });

  it("counts the parts against WS_XML_READER_PROPERTY_MAX_MIME_PARTS as they come", () => {
    const { reader } = streamReader(MONO, 4096, {}, [{ id: WS_XML_READER_PROPERTY_MAX_MIME_PARTS, value: 1 }]);
    expect(streamNodes(reader).at(-1)).toBe(
      "failed 0x803d0008: WsReadNode: MTOM reader: MIME part 2 starts at byte 696, more than the 1 parts WS_XML_READER_PROPERTY_MAX_MIME_PARTS allows.",
    );
  });

  const B = "B";
  const root = (xml: string, id = "root") =>
    `--${B}\r\nContent-ID: <${id}>\r\nContent-Type: application/xop+xml;charset=utf-8;type="text/xml"\r\n\r\n${xml}`;
  const part = (id: string, bytes: string) => `\r\n--${B}\r\nContent-ID: <${id}>\r\n\r\n${bytes}`;
  const inc = (id: string) => `<xop:Include href="cid:${id}" xmlns:xop="http://www.w3.org/2004/08/xop/include"/>`;
  const fields = { readMimeHeader: false, boundary: B, startUri: "root" };

  it("needs the root part first and the parts in the order the Includes refer to them (WS_E_INVALID_FORMAT)", () => {
    const ordered = concat(root(`<a><b>${inc("x")}</b><c>${inc("y")}</c></a>`), part("x", "XX"), part("y", "YYY"), "\r\n--B--\r\n");
    expect(streamNodes(streamReader(ordered, 5, fields).reader)).toEqual([
      "<a>",
      "<b>",
      "text:3:WFg=",
      "</>",
      "<c>",
      "text:3:WVlZ",
      "</>",
      "</>",
    ]);
    const swapped = concat(root(`<a><b>${inc("y")}</b></a>`), part("x", "XX"), part("y", "YYY"), "\r\n--B--\r\n");
    expect(streamNodes(streamReader(swapped, 5, fields).reader).at(-1)).toBe(
      'failed 0x803d0000: WsReadNode: MTOM reader: MIME part 2 has the Content-ID <x>, but the xop:Include before it refers to "cid:y" (with WS_XML_READER_STREAM_INPUT the parts must come in the order they are referenced), at byte 190.',
    );
    const rootLast = concat(part("x", "XX").slice(2), "\r\n", root(`<a>${inc("x")}</a>`), "\r\n--B--\r\n");
    expect(streamNodes(streamReader(rootLast, 5, fields).reader)).toEqual([
      "failed 0x803d0000: MTOM reader: the first MIME part is not the root part <root> (with WS_XML_READER_STREAM_INPUT the root part must come first), at byte 5.",
    ]);
    const missing = concat(root(`<a>${inc("x")}</a>`), "\r\n--B--\r\n");
    expect(streamNodes(streamReader(missing, 5, fields).reader).at(-1)).toBe(
      'failed 0x803d0000: WsReadNode: MTOM reader: an xop:Include refers to "cid:x", but the package has no more parts (with WS_XML_READER_STREAM_INPUT the parts must come in the order they are referenced), at byte 95.',
    );
  });

  it("reads a body that begins with a preamble or with the CRLF WCF writes before the first delimiter", () => {
    const body = concat(root(`<a>${inc("x")}</a>`), part("x", "XX"), "\r\n--B--\r\n");
    for (const before of ["\r\n", "preamble\r\n"]) {
      for (const chunk of [1, 3, 4096]) {
        expect(streamNodes(streamReader(concat(before, body), chunk, fields).reader)).toEqual(["<a>", "text:3:WFg=", "</>"]);
      }
    }
  });

  it("bounds the headers of the parts after the root too (WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE)", () => {
    const longHeaders = concat(
      root(`<a>${inc("x")}</a>`),
      `\r\n--B\r\nContent-ID: <x>\r\nX-Padding: ${"p".repeat(100)}\r\n\r\nXX\r\n--B--`,
    );
    const props: WS_XML_READER_PROPERTY[] = [{ id: WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE, value: 100 }];
    expect(streamNodes(streamReader(longHeaders, 5, fields, props).reader)).toEqual([
      "<a>",
      "failed 0x803d0008: WsReadNode: MTOM reader: the MIME headers from byte 183 (the headers of MIME part 2) are longer than the 100 bytes of WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE.",
    ]);
    const fits: WS_XML_READER_PROPERTY[] = [{ id: WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE, value: 150 }];
    expect(streamNodes(streamReader(longHeaders, 5, fields, fits).reader)).toEqual(["<a>", "text:3:WFg=", "</>"]);
  });

  it("refuses a stream that ends inside the root part or inside a part (WS_E_INVALID_FORMAT)", () => {
    expect(streamNodes(streamReader(concat(root("<a/>")), 5, fields).reader)).toEqual([
      "failed 0x803d0000: WsReadNode: MTOM reader: the input ends inside the root part, at byte 96.",
    ]);
    const cut = concat(root(`<a>${inc("x")}</a>`), part("x", "XXXXXXXXXXXXXXXXXXXXX"));
    expect(streamNodes(streamReader(cut, 5, fields).reader).at(-1)).toBe(
      'failed 0x803d0000: WsReadNode: MTOM reader: MIME part 2 (Content-ID <x>) is not closed: the input ends inside it, without a delimiter "--B", at byte 223.',
    );
  });

  it("fails the reader for good once a read fails, as every stream reader does", () => {
    const { reader } = streamReader(MONO, 100);
    expect(WsReadNode(reader)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(WsFillReader(reader, 4096, null)).toBe(WS_E_QUOTA_EXCEEDED);
  });
});
