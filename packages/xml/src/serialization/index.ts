/** The WS_TYPE serializer: WsWriteType, WsReadType and their element and attribute forms. */
export {
  WsReadAttribute,
  WsReadElement,
  WsReadType,
  WsWriteAttribute,
  WsWriteElement,
  WsWriteType,
} from "./serialization-functions.js";
