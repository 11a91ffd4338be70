/** The WS_XML_READER functions that read attributes, text content, values and names. */
export { WsFindAttribute, WsGetXmlAttribute, WsReadEndAttribute, WsReadStartAttribute } from "./attributes.js";
export { WsGetNamespaceFromPrefix, WsReadQualifiedName } from "./namespaces.js";
export { WsReadBytes, WsReadChars, WsReadCharsUtf8 } from "./read-text.js";
export { WsReadArray, WsReadValue } from "./read-value.js";
