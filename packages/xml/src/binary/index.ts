/**
 * The .NET Binary Format for XML: the record codec of [MC-NBFX], the static dictionary of
 * [MC-NBFS] and the session StringTable of [MC-NBFSE], as WCF writes them for
 * application/soap+msbin1 and net.tcp.
 */

export { ByteWriter } from "../shared/byte-writer.js";
export {
  encodeMultiByteInt31,
  isMultiByteInt31,
  MULTI_BYTE_INT31_MAX,
  type MultiByteInt31Read,
  multiByteInt31Size,
  readMultiByteInt31,
  writeMultiByteInt31,
} from "./multi-byte-int31.js";
export { DEFAULT_MAX_DEPTH, type ReadRecordsOptions, readRecords, type SessionStrings } from "./read-records.js";
export * from "./record-types.js";
export type * from "./records.js";
export { SessionDictionary, type SessionDictionaryOptions } from "./session-dictionary.js";
export {
  STATIC_DICTIONARY_MAX_ID,
  STATIC_DICTIONARY_SIZE,
  staticDictionaryEntries,
  staticDictionaryId,
  staticDictionaryString,
} from "./static-dictionary.js";
export { type ReadStringTableOptions, readStringTable, type StringTableRead, writeStringTable } from "./string-table.js";
export { type DecimalParts, decimalFromParts, decimalParts, decimalToString, uuidFromString, uuidToString } from "./value-formats.js";
export { writeRecords } from "./write-records.js";
