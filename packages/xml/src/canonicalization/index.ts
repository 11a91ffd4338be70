/** XML canonicalization (Canonical XML 1.0 and Exclusive XML Canonicalization 1.0) on readers and writers. */
export { WsEndReaderCanonicalization, WsStartReaderCanonicalization } from "./reader-canonicalization.js";
export { WsEndWriterCanonicalization, WsStartWriterCanonicalization } from "./writer-canonicalization.js";
