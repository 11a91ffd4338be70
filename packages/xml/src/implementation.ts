import type { XmlImplementation } from "./gen/implementation.js";
import {
  WsCreateReader,
  WsFreeReader,
  WsGetReaderNode,
  WsGetReaderProperty,
  WsReadEndElement,
  WsReadNode,
  WsReadStartElement,
  WsReadToStartElement,
  WsSetInput,
  WsSkipNode,
} from "./reader/reader-functions.js";
import { WsTrimXmlWhitespace, WsVerifyXmlNCName, WsXmlStringEquals } from "./text-utils/text-functions.js";

/**
 * The functions of @wwsapi/xml implemented so far; the generated flat API dispatches to them and
 * returns E_NOTIMPL for the rest (docs/api-status.md). The reader reads text in a buffer; binary,
 * MTOM and stream input return E_NOTIMPL from WsSetInput, saying so.
 */
export const implementation = {
  WsXmlStringEquals,
  WsVerifyXmlNCName,
  WsTrimXmlWhitespace,
  WsCreateReader,
  WsFreeReader,
  WsSetInput,
  WsReadNode,
  WsGetReaderNode,
  WsGetReaderProperty,
  WsReadToStartElement,
  WsReadStartElement,
  WsReadEndElement,
  WsSkipNode,
} satisfies Partial<XmlImplementation>;
