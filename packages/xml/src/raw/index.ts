/** WS_XML_READER_RAW_ENCODING and WS_XML_WRITER_RAW_ENCODING: any bytes, seen as base64 text at the root of a document. */
export { openRawInput, openRawOutput, openRawStreamInput } from "./open-raw.js";
