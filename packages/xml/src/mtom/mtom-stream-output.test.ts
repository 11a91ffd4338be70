import {
  ref,
  S_OK,
  WS_E_INVALID_OPERATION,
  WS_E_QUOTA_EXCEEDED,
  type WS_XML_WRITER,
  WS_XML_WRITER_OUTPUT_TYPE_STREAM,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import {
  WsCreateWriter,
  WsFlushWriter,
  WsGetWriterProperty,
  WsSetOutput,
  WsWriteBytes,
  WsWriteEndElement,
  WsWriteStartElement,
} from "../index.js";
import { xmlString } from "../text-utils/xml-string.js";
import { firstString, mtomWriter, newError, normalized, type WriterFields, writerEncoding, writtenBytes } from "./mtom.test-support.js";

const INCLUDE = (n: number) => `<xop:Include href="cid:http://tempuri.org/${n}/T" xmlns:xop="http://www.w3.org/2004/08/xop/include"/>`;
const partHead = (n: number) =>
  `\r\n--B\r\nContent-ID: <http://tempuri.org/${n}/T>\r\nContent-Transfer-Encoding: binary\r\nContent-Type: application/octet-stream\r\n\r\n`;
const ROOT =
  '\r\n--B\r\nContent-ID: <root>\r\nContent-Transfer-Encoding: 8bit\r\nContent-Type: application/xop+xml;charset=utf-8;type="text/xml"\r\n\r\n';
const HEADER =
  'MIME-Version: 1.0\r\nContent-Type: multipart/related;type="application/xop+xml";boundary="B";start="<root>";start-info="text/xml"\r\n';
const CLOSE = "\r\n--B--\r\n";

const start = (w: WS_XML_WRITER, name: string) => expect(WsWriteStartElement(w, null, xmlString(name), xmlString(""))).toBe(S_OK);
const end = (w: WS_XML_WRITER) => expect(WsWriteEndElement(w)).toBe(S_OK);

/** A writer with MTOM output to a stream whose callback keeps each write, normalized (the generated ids' ticks as T). */
function streamWriter(fields: WriterFields = {}, properties: WS_XML_WRITER_PROPERTY[] | null = null) {
  const writes: string[] = [];
  const writer = ref<WS_XML_WRITER | null>(null);
  expect(WsCreateWriter(null, writer)).toBe(S_OK);
  const callback = (_state: unknown, buffers: readonly Uint8Array[] | null) => {
    writes.push(normalized(Uint8Array.from((buffers ?? []).flatMap((b) => [...b]))));
    return S_OK;
  };
  const output = { outputType: WS_XML_WRITER_OUTPUT_TYPE_STREAM, writeCallback: callback, writeCallbackState: null } as never;
  expect(WsSetOutput(writer.value!, writerEncoding({ startInfo: "text/xml", ...fields }), output, properties)).toBe(S_OK);
  return { writer: writer.value!, writes };
}

/** <a><b>(5 bytes: a part)</b><c>(2 bytes: inline)</c><d>(6 bytes: a part)</d></a>, `flush` after each child. */
function writeDocument(w: WS_XML_WRITER, flush: () => void): void {
  start(w, "a");
  for (const [name, length] of [
    ["b", 5],
    ["c", 2],
    ["d", 6],
  ] as const) {
    start(w, name);
    expect(
      WsWriteBytes(
        w,
        Uint8Array.from({ length }, (_, i) => 0x41 + i),
      ),
    ).toBe(S_OK);
    end(w);
    flush();
  }
  end(w);
  flush();
}

describe("WS_XML_WRITER_MTOM_ENCODING to a WS_XML_WRITER_STREAM_OUTPUT", () => {
  it("writes the package a buffer writer makes, when flushed once at the end", () => {
    const buffer = mtomWriter({ startInfo: "text/xml" });
    writeDocument(buffer, () => {});
    const { writer, writes } = streamWriter();
    writeDocument(writer, () => {});
    expect(WsFlushWriter(writer, 0, null)).toBe(S_OK);
    expect(writes).toEqual([normalized(writtenBytes(buffer))]);
    expect(writes[0]).toBe(
      `${HEADER}${ROOT}<a><b>${INCLUDE(1)}</b><c>QUI=</c><d>${INCLUDE(2)}</d></a>${partHead(1)}ABCDE${partHead(2)}ABCDEF${CLOSE}`,
    );
  });

  it("hands out the headers and the XML as it is flushed; the parts wait for the end of the root element", () => {
    const { writer, writes } = streamWriter();
    writeDocument(writer, () => expect(WsFlushWriter(writer, 0, null)).toBe(S_OK));
    expect(writes).toEqual([
      `${HEADER}${ROOT}<a><b>${INCLUDE(1)}</b>`,
      "<c>QUI=</c>",
      `<d>${INCLUDE(2)}</d>`,
      `</a>${partHead(1)}ABCDE${partHead(2)}ABCDEF${CLOSE}`,
    ]);
    // The package is complete: nothing more can be written, and a flush has nothing to hand out.
    const error = newError();
    expect(WsWriteStartElement(writer, null, xmlString("e"), xmlString(""), error)).toBe(WS_E_INVALID_OPERATION);
    expect(firstString(error)).toContain("the MTOM package is complete");
  });

  it("bounds the parts waiting by MAX_MIME_PARTS_BUFFER_SIZE (WS_E_QUOTA_EXCEEDED), and refuses BYTES", () => {
    const properties = [{ id: WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE, value: 8 }] as never;
    const { writer } = streamWriter({}, properties);
    const error = newError();
    start(writer, "a");
    start(writer, "b");
    expect(WsWriteBytes(writer, new Uint8Array(5), error)).toBe(S_OK);
    end(writer);
    expect(WsFlushWriter(writer, 0, null)).toBe(S_OK); // the XML goes; the part stays
    start(writer, "c");
    expect(WsWriteBytes(writer, new Uint8Array(5), error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsWriteBytes: the binary MIME parts would hold 10 bytes, more than the 8 of WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE.",
    );
    const other = streamWriter();
    expect(WsGetWriterProperty(other.writer, WS_XML_WRITER_PROPERTY_BYTES, ref<unknown>(null))).toBe(WS_E_INVALID_OPERATION);
  });
});
