import {
  ref,
  S_OK,
  WS_CHARSET_AUTO,
  WS_ENCODING_XML_BINARY_1,
  type WS_ERROR,
  type WS_XML_DICTIONARY,
  type WS_XML_NODE,
  WS_XML_NODE_TYPE_EOF,
  type WS_XML_READER,
  WS_XML_READER_ENCODING_TYPE_BINARY,
  WS_XML_READER_ENCODING_TYPE_TEXT,
  WS_XML_READER_INPUT_TYPE_BUFFER,
  type WS_XML_READER_PROPERTY,
  WsCreateError,
  WsFreeError,
  WsGetErrorString,
} from "@wwsapi/core";
import { WsCreateReader, WsFreeReader, WsGetDictionary, WsGetReaderNode, WsReadNode, WsSetInput } from "@wwsapi/xml";

/**
 * Drives a WS_XML_READER over one malformed input the way an application does (WsSetInput, then
 * WsReadNode until EOF or the first failure) and reports what came back. Everything goes through
 * the flat API, so a crash inside the reader shows up either as an exception escaping the flat
 * function (which must never happen: `thrown`) or as E_FAIL "internal error" (which no case
 * expects, so the exact-HRESULT assertion catches it).
 */

export interface Outcome {
  /** S_OK when EOF was reached, else the HRESULT of the call that failed. */
  hr: number;
  /** WsGetErrorString(error, 0) of the failure; "" on success. */
  message: string;
  /** The function that failed, or "" on success. */
  failedIn: "" | "WsSetInput" | "WsReadNode";
  /** WsReadNode calls that succeeded. */
  reads: number;
  /** Anything the flat API let escape instead of returning an HRESULT. */
  thrown?: unknown;
}

export interface BinaryDictionaries {
  staticDictionary?: WS_XML_DICTIONARY | null;
  dynamicDictionary?: WS_XML_DICTIONARY | null;
}

/** The [MC-NBFS] dictionary as WsGetDictionary(WS_ENCODING_XML_BINARY_1) gives it. */
export function soapDictionary(): WS_XML_DICTIONARY {
  const dictionary = ref<WS_XML_DICTIONARY | null>(null);
  if (WsGetDictionary(WS_ENCODING_XML_BINARY_1, dictionary) !== S_OK || dictionary.value === null)
    throw new Error("WsGetDictionary(WS_ENCODING_XML_BINARY_1) failed");
  return dictionary.value;
}

function errorString(error: WS_ERROR): string {
  const s = ref("");
  return WsGetErrorString(error, 0, s) === S_OK ? s.value : "(no error string)";
}

function currentNode(reader: WS_XML_READER): WS_XML_NODE | null {
  const node = ref<WS_XML_NODE | null>(null);
  return WsGetReaderNode(reader, node) === S_OK ? node.value : null;
}

/**
 * Reads to EOF or to the first failure. The loop is bounded: no document yields more than a few
 * nodes per input byte (an empty element `<a/>` of 4 bytes gives 2 nodes; a CDATA section 3), so
 * 4 per byte plus a margin means a reader that stops advancing fails the case instead of hanging.
 */
function drive(encoding: unknown, bytes: Uint8Array, properties: readonly WS_XML_READER_PROPERTY[] | null): Outcome {
  const reader = ref<WS_XML_READER | null>(null);
  const error = ref<WS_ERROR | null>(null);
  if (WsCreateReader(null, reader) !== S_OK || WsCreateError(null, error) !== S_OK) throw new Error("WsCreateReader/WsCreateError failed");
  const r = reader.value!;
  const e = error.value!;
  let reads = 0;
  let failedIn: Outcome["failedIn"] = "WsSetInput";
  try {
    let hr = WsSetInput(
      r,
      encoding as never,
      { inputType: WS_XML_READER_INPUT_TYPE_BUFFER, encodedData: bytes } as never,
      properties === null ? null : [...properties],
      e,
    );
    if (hr === S_OK) {
      failedIn = "WsReadNode";
      const limit = 4 * bytes.length + 16;
      while (reads < limit) {
        hr = WsReadNode(r, e);
        if (hr !== S_OK) break;
        reads++;
        if (currentNode(r)?.nodeType === WS_XML_NODE_TYPE_EOF) return { hr: S_OK, message: "", failedIn: "", reads };
      }
      if (hr === S_OK) return { hr: S_OK, message: `no EOF after ${reads} reads: the reader does not advance`, failedIn, reads };
    }
    return { hr, message: errorString(e), failedIn, reads };
  } catch (thrown) {
    return { hr: Number.NaN, message: String(thrown), failedIn, reads, thrown };
  } finally {
    WsFreeReader(r);
    WsFreeError(e);
  }
}

/** Text input from a buffer; the charset is detected unless given. */
export function readText(
  bytes: Uint8Array,
  properties: readonly WS_XML_READER_PROPERTY[] | null = null,
  charSet: number = WS_CHARSET_AUTO,
): Outcome {
  return drive({ encodingType: WS_XML_READER_ENCODING_TYPE_TEXT, charSet }, bytes, properties);
}

/** Binary input ([MC-NBFX]) from a buffer, with the dictionaries of WS_XML_READER_BINARY_ENCODING. */
export function readBinary(
  bytes: Uint8Array,
  dictionaries: BinaryDictionaries = {},
  properties: readonly WS_XML_READER_PROPERTY[] | null = null,
): Outcome {
  return drive(
    {
      encodingType: WS_XML_READER_ENCODING_TYPE_BINARY,
      staticDictionary: dictionaries.staticDictionary ?? null,
      dynamicDictionary: dictionaries.dynamicDictionary ?? null,
    },
    bytes,
    properties,
  );
}
