import { type HRESULT, type Ref, S_OK, WS_E_INVALID_FORMAT, WS_E_INVALID_OPERATION, type WS_ERROR, type WS_XML_READER } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { XmlReaderObject } from "../reader/xml-reader-object.js";
import { Base64Decoder, type DecodeStep } from "./base64-decoder.js";
import { readerOf, readerPosition, reportFor } from "./reader-cursor.js";
import { nextSpan, positionOf, setOffset } from "./text-cursor.js";

/**
 * WsReadChars, WsReadCharsUtf8 and WsReadBytes: the content of the current element (or attribute)
 * into the caller's buffer, a piece per call. Each fills as much of the buffer as the content
 * allows, across text nodes, comments and CDATA sections ("Text is read up to either a start
 * element or end element. Comments are skipped, and CDATA content is treated identically to
 * element content."), and returns 0 once the content is used up ("There are no more characters
 * when this returns zero"), with the reader on the node that ends it. The three share one reading
 * position, so a caller may go on in another form (Windows: WsReadChars then WsReadCharsUtf8 go on
 * where the other stopped).
 */

export function WsReadChars(reader: WS_XML_READER, chars: Uint16Array, actualCharCount: Ref<number>, _error: WS_ERROR | null): HRESULT {
  const target = readerOf(reader);
  target.input("WsReadChars");
  let count = 0;
  while (count < chars.length) {
    const span = nextSpan(target, "WsReadChars");
    if (span === null) break;
    const { bytes } = span;
    let at = span.offset;
    const pendingLow = positionOf(target).lowSurrogate;
    if (pendingLow !== 0) {
      chars[count++] = pendingLow;
      at += utf8Width(bytes, at);
    }
    while (at < bytes.length && count < chars.length) {
      const b0 = bytes[at]!;
      if (b0 < 0x80) {
        chars[count++] = b0;
        at++;
        continue;
      }
      const width = utf8Width(bytes, at);
      const cp = codePointAt(bytes, at, width);
      if (cp < 0x10000) {
        chars[count++] = cp;
      } else {
        chars[count++] = 0xd800 + ((cp - 0x10000) >> 10);
        const low = 0xdc00 + ((cp - 0x10000) & 0x3ff);
        if (count === chars.length) {
          // The pair does not fit: the low surrogate waits for the next call.
          setOffset(target, at, low);
          actualCharCount.value = count;
          return S_OK;
        }
        chars[count++] = low;
      }
      at += width;
    }
    setOffset(target, at);
  }
  actualCharCount.value = count;
  return S_OK;
}

export function WsReadCharsUtf8(reader: WS_XML_READER, bytes: Uint8Array, actualByteCount: Ref<number>, _error: WS_ERROR | null): HRESULT {
  const target = readerOf(reader);
  target.input("WsReadCharsUtf8");
  let count = 0;
  while (count < bytes.length) {
    const span = nextSpan(target, "WsReadCharsUtf8");
    if (span === null) break;
    // The content is a stream of UTF-8 bytes: a small buffer may end inside a character, whose
    // remaining bytes come with the next call. (After WsReadChars gave half a surrogate pair, the
    // whole character is still unread here.)
    const n = Math.min(bytes.length - count, span.bytes.length - span.offset);
    bytes.set(span.bytes.subarray(span.offset, span.offset + n), count);
    count += n;
    setOffset(target, span.offset + n);
  }
  actualByteCount.value = count;
  return S_OK;
}

/** The base64 decoding in progress on each reader, with the node it belongs to. */
const decoders = new WeakMap<XmlReaderObject, { node: unknown; decoder: Base64Decoder }>();

export function WsReadBytes(reader: WS_XML_READER, bytes: Uint8Array, actualByteCount: Ref<number>, _error: WS_ERROR | null): HRESULT {
  const target = readerOf(reader);
  target.input("WsReadBytes");
  if (bytes.length === 0) {
    actualByteCount.value = 0;
    return S_OK;
  }
  const saved = decoders.get(target);
  // A decoding belongs to the node the reader was left on; moved elsewhere, the reader starts anew.
  const decoder = saved !== undefined && saved.node === target.node ? saved.decoder : new Base64Decoder();
  decoders.delete(target);
  let count = decoder.drain(bytes, 0);
  while (count < bytes.length) {
    const span = nextSpan(target, "WsReadBytes");
    if (span === null) {
      if (decoder.complete) {
        actualByteCount.value = count;
        return S_OK;
      }
      throw new WsError(
        WS_E_INVALID_FORMAT,
        `WsReadBytes: the base64 text ends inside a group of four characters (its length, without white space, is not a multiple of 4)${readerPosition(target)}.`,
      );
    }
    const where = (offset: number) => `at byte ${offset} of a text node`;
    let step: DecodeStep;
    try {
      step = decoder.decode(span.bytes, span.offset, bytes, count, where);
    } catch (thrown) {
      throw reportFor("WsReadBytes", target, thrown);
    }
    count += step.written;
    setOffset(target, step.next);
  }
  decoders.set(target, { node: target.node, decoder });
  actualByteCount.value = count;
  return S_OK;
}

/** The byte count of the UTF-8 sequence that starts at `at`. */
function utf8Width(bytes: Uint8Array, at: number): number {
  const b0 = bytes[at]!;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xc0 && b0 < 0xe0) return 2;
  if (b0 >= 0xe0 && b0 < 0xf0) return 3;
  if (b0 >= 0xf0 && b0 < 0xf8) return 4;
  // Only a WsReadCharsUtf8 buffer that ended inside a character leaves the position here.
  throw new WsError(
    WS_E_INVALID_OPERATION,
    "WsReadChars: the reading position is inside a UTF-8 character, where an earlier WsReadCharsUtf8 stopped; go on with WsReadCharsUtf8 to the end of that character.",
  );
}

function codePointAt(bytes: Uint8Array, at: number, width: number): number {
  let cp = bytes[at]! & (0xff >> (width + 1));
  for (let k = 1; k < width; k++) cp = (cp << 6) | (bytes[at + k]! & 0x3f);
  return cp;
}
