/** WS_XML_BUFFER and positions: the functions the implementation table takes from this folder. */
export { WsCreateXmlBuffer, WsRemoveNode, WsSetInputToBuffer, WsSetOutputToBuffer } from "./buffer-functions.js";
export { WsCopyNode, WsReadXmlBuffer, WsReadXmlBufferFromBytes, WsWriteXmlBuffer, WsWriteXmlBufferToBytes } from "./copy-functions.js";
export {
  WsGetReaderPosition,
  WsGetWriterPosition,
  WsMoveReader,
  WsMoveWriter,
  WsSetReaderPosition,
  WsSetWriterPosition,
} from "./position-functions.js";
