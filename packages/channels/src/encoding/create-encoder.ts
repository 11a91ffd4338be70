import {
  E_NOTIMPL,
  WS_CHARSET_UTF8,
  WS_CHARSET_UTF16BE,
  WS_CHARSET_UTF16LE,
  WS_ENCODING_RAW,
  WS_ENCODING_XML_BINARY_1,
  WS_ENCODING_XML_BINARY_SESSION_1,
  WS_ENCODING_XML_MTOM_UTF8,
  WS_ENCODING_XML_MTOM_UTF16BE,
  WS_ENCODING_XML_MTOM_UTF16LE,
  WS_ENCODING_XML_UTF8,
  WS_ENCODING_XML_UTF16BE,
  WS_ENCODING_XML_UTF16LE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { createBinarySessionEncoder } from "../tcp/index.js";
import type { MessageEncoder } from "../transport/message-encoder.js";
import { BinaryEncoder } from "./binary-encoder.js";
import { MtomEncoder } from "./mtom-encoder.js";
import { RawEncoder } from "./raw-encoder.js";
import { TextEncoder } from "./text-encoder.js";

/** A new encoder for one channel (encoders may keep per-session state). */
export function createEncoder(encoding: number, envelopeVersion: number, maxSessionDictionarySize: number): MessageEncoder {
  switch (encoding) {
    case WS_ENCODING_XML_UTF8:
      return new TextEncoder(envelopeVersion, WS_CHARSET_UTF8);
    case WS_ENCODING_XML_UTF16LE:
      return new TextEncoder(envelopeVersion, WS_CHARSET_UTF16LE);
    case WS_ENCODING_XML_UTF16BE:
      return new TextEncoder(envelopeVersion, WS_CHARSET_UTF16BE);
    case WS_ENCODING_XML_BINARY_1:
      return new BinaryEncoder();
    case WS_ENCODING_XML_MTOM_UTF8:
      return new MtomEncoder(envelopeVersion, WS_CHARSET_UTF8);
    case WS_ENCODING_XML_MTOM_UTF16LE:
      return new MtomEncoder(envelopeVersion, WS_CHARSET_UTF16LE);
    case WS_ENCODING_XML_MTOM_UTF16BE:
      return new MtomEncoder(envelopeVersion, WS_CHARSET_UTF16BE);
    case WS_ENCODING_RAW:
      return new RawEncoder();
    case WS_ENCODING_XML_BINARY_SESSION_1:
      // [MC-NBFSE]: the session's dynamic dictionary lives with the net.tcp transport (src/tcp/).
      return createBinarySessionEncoder({ maxSessionDictionarySize });
    default:
      throw new WsError(E_NOTIMPL, `WS_ENCODING ${encoding} is not implemented.`);
  }
}
