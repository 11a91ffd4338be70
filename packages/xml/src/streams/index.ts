/** Stream input and output for WS_XML_READER and WS_XML_WRITER, and the byte callbacks of WS_XML_WRITER. */
export { WsFillReader } from "./fill-reader.js";
export { flushStreamOutput } from "./flush-writer.js";
export { WsPullBytes, WsPushBytes } from "./push-pull-bytes.js";
export { openStreamInput } from "./stream-input.js";
export { openStreamOutput, StreamTextOutput } from "./stream-output.js";
