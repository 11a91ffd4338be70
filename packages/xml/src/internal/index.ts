/**
 * @wwsapi/xml/internal: what the other packages of wwsapi-ts (channels, security, service-model) need
 * from the XML layer without going through the flat API. A nested flat call would find the reader or
 * writer held by the outer call (threading guard), so packages call the implementation functions
 * directly. Not a public API: it may change in any release.
 */
import type { XmlImplementation } from "../gen/implementation.js";
import { implementation } from "../implementation.js";

export { readStringTable, SessionDictionary, staticDictionaryId, writeStringTable } from "../binary/index.js";
export { XmlReaderObject } from "../reader/xml-reader-object.js";
export { XmlWriterObject } from "../writer/xml-writer-object.js";
export { XmlBufferObject } from "../xml-buffer/xml-buffer-object.js";

/**
 * The xml implementation table, typed as the complete interface: every function of the area is
 * implemented, and the generated type keeps the package's module layout out of other packages'
 * declarations.
 */
export const xmlImplementation: XmlImplementation = implementation;
