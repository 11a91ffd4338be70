/** @wwsapi/xml: see README.md for what it covers and docs/api-status.md for what is implemented. */
export * from "./gen/index.js";
export { XmlReader, type XmlReaderOptions } from "./idiomatic/xml-reader.js";
export { XmlWriter } from "./idiomatic/xml-writer.js";
export * as typed from "./typed/index.js";
