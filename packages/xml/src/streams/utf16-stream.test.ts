import {
  ref,
  S_OK,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_XML_READER_PROPERTY_CHARSET,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsGetReaderProperty, WsSetInput } from "../index.js";
import { bufferNodes, chunkedSource, newReader, streamInput, streamNodes, textEncoding } from "./stream.test-support.js";

/** `text` in UTF-16, with a byte order mark when `bom`. */
function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = (bom ? "\uFEFF" : "") + text;
  const out = new Uint8Array(units.length * 2);
  for (let i = 0; i < units.length; i++) {
    const u = units.charCodeAt(i);
    out[2 * i + (littleEndian ? 0 : 1)] = u & 0xff;
    out[2 * i + (littleEndian ? 1 : 0)] = u >> 8;
  }
  return out;
}

function streamed(data: Uint8Array, chunk: number, charset = 0, bufferSize = 4096) {
  const reader = newReader([{ id: WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE, value: bufferSize }] as never);
  expect(WsSetInput(reader, textEncoding(charset), streamInput(chunkedSource(data, chunk).callback), null)).toBe(S_OK);
  return reader;
}

// A surrogate pair (U+1F600), a character outside Latin-1, an attribute and a declaration.
const DOCUMENT = `<?xml version="1.0" encoding="utf-16"?><a b="\u00e9\u4e2d"><c>x\u{1F600}y</c><!-- z --></a>`;

describe("UTF-16 text from a WS_XML_READER_STREAM_INPUT", () => {
  const expected = ["bof", "element :a{} :b{}=\u00e9\u4e2d", "element :c{}", 'text "x\u{1F600}y"', "end", 'comment " z "', "end", "eof"];

  it("reads the nodes the same bytes give from a buffer, split anywhere (inside a code unit, between surrogates)", () => {
    for (const littleEndian of [true, false]) {
      for (const bom of [true, false]) {
        const data = utf16(DOCUMENT, littleEndian, bom);
        expect(bufferNodes(data)).toEqual(expected);
        for (const chunk of [1, 3, 5, 64]) expect(streamNodes(streamed(data, chunk))).toEqual(expected);
        // Named rather than found: the same.
        const named = littleEndian ? WS_CHARSET_UTF16LE : WS_CHARSET_UTF16BE;
        expect(streamNodes(streamed(data, 7, named))).toEqual(expected);
      }
    }
  });

  it("goes on through a stream buffer smaller than the document", () => {
    const long = `<r>${"<i>\u00e9\u00e9</i>".repeat(40)}</r>`;
    const nodes = streamNodes(streamed(utf16(long, true, true), 9, 0, 48));
    expect(nodes).toEqual(bufferNodes(utf16(long, true, true)));
    expect(nodes.length).toBe(1 + 1 + 40 * 3 + 1 + 1);
  });

  it("refuses what is not UTF-16 (WS_E_INVALID_FORMAT): an unpaired surrogate, an odd byte at the end", () => {
    const unpaired = utf16("<a>\uD800</a>", true, false);
    expect(streamNodes(streamed(unpaired, 4)).at(-1)).toBe(
      "failed 0x803d0000: WsReadNode: XML reader: the stream is not valid UTF-16 (an unpaired surrogate or an odd number of bytes), within bytes 0 to 16.",
    );
    const odd = Uint8Array.of(...utf16("<a/>", true, false), 0x20);
    expect(streamNodes(streamed(odd, 64)).at(-1)).toBe(
      "failed 0x803d0000: WsReadNode: XML reader: the stream is not valid UTF-16 (an unpaired surrogate or an odd number of bytes), within bytes 9 to 9.",
    );
  });

  it("reports a named charset as WS_XML_READER_PROPERTY_CHARSET", () => {
    const charset = ref<unknown>(null);
    expect(WsGetReaderProperty(streamed(new Uint8Array(0), 1, WS_CHARSET_UTF16BE), WS_XML_READER_PROPERTY_CHARSET, charset)).toBe(S_OK);
    expect(charset.value).toBe(WS_CHARSET_UTF16BE);
  });
});
