import {
  E_INVALIDARG,
  type WS_XML_WRITER_PROPERTY,
  WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES,
  WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE,
  WS_XML_WRITER_PROPERTY_BUFFER_TRIM_SIZE,
  WS_XML_WRITER_PROPERTY_BUFFERS,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE,
  WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
  WS_XML_WRITER_PROPERTY_CHARSET,
  WS_XML_WRITER_PROPERTY_COMPRESS_EMPTY_ELEMENTS,
  WS_XML_WRITER_PROPERTY_EMIT_UNCOMPRESSED_EMPTY_ELEMENTS,
  WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE,
  WS_XML_WRITER_PROPERTY_INDENT,
  WS_XML_WRITER_PROPERTY_INITIAL_BUFFER,
  WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES,
  WS_XML_WRITER_PROPERTY_MAX_DEPTH,
  WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE,
  WS_XML_WRITER_PROPERTY_MAX_NAMESPACES,
  WS_XML_WRITER_PROPERTY_WRITE_DECLARATION,
} from "@wwsapi/core";
import { describeValue, isObject, WsError } from "@wwsapi/core/internal";

/**
 * The settable properties of WS_XML_WRITER with WWSAPI's defaults (WS_XML_WRITER_PROPERTY_ID).
 * BUFFER_MAX_SIZE has no documented default; 65536 is what Windows reports for a new writer
 * (the Wine conformance tests, which run against Windows, check it).
 */
export interface WriterSettings {
  maxDepth: number;
  allowFragment: boolean;
  maxAttributes: number;
  writeDeclaration: boolean;
  indent: number;
  bufferTrimSize: number;
  bufferMaxSize: number;
  maxMimePartsBufferSize: number;
  initialBuffer: Uint8Array | null;
  allowInvalidCharacterReferences: boolean;
  maxNamespaces: number;
  compressEmptyElements: boolean;
  emitUncompressedEmptyElements: boolean;
}

export const DEFAULT_WRITER_SETTINGS: Readonly<WriterSettings> = Object.freeze({
  maxDepth: 32,
  allowFragment: false,
  maxAttributes: 128,
  writeDeclaration: false,
  indent: 0,
  bufferTrimSize: 4096,
  bufferMaxSize: 65536,
  maxMimePartsBufferSize: 65536,
  initialBuffer: null,
  allowInvalidCharacterReferences: false,
  maxNamespaces: 32,
  compressEmptyElements: false,
  emitUncompressedEmptyElements: false,
});

type NumberKey = { [K in keyof WriterSettings]: WriterSettings[K] extends number ? K : never }[keyof WriterSettings];
type BooleanKey = { [K in keyof WriterSettings]: WriterSettings[K] extends boolean ? K : never }[keyof WriterSettings];

const ULONG_SETTINGS: Record<number, NumberKey> = {
  [WS_XML_WRITER_PROPERTY_MAX_DEPTH]: "maxDepth",
  [WS_XML_WRITER_PROPERTY_MAX_ATTRIBUTES]: "maxAttributes",
  [WS_XML_WRITER_PROPERTY_INDENT]: "indent",
  [WS_XML_WRITER_PROPERTY_BUFFER_TRIM_SIZE]: "bufferTrimSize",
  [WS_XML_WRITER_PROPERTY_BUFFER_MAX_SIZE]: "bufferMaxSize",
  [WS_XML_WRITER_PROPERTY_MAX_MIME_PARTS_BUFFER_SIZE]: "maxMimePartsBufferSize",
  [WS_XML_WRITER_PROPERTY_MAX_NAMESPACES]: "maxNamespaces",
};

const BOOL_SETTINGS: Record<number, BooleanKey> = {
  [WS_XML_WRITER_PROPERTY_ALLOW_FRAGMENT]: "allowFragment",
  [WS_XML_WRITER_PROPERTY_WRITE_DECLARATION]: "writeDeclaration",
  [WS_XML_WRITER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES]: "allowInvalidCharacterReferences",
  [WS_XML_WRITER_PROPERTY_COMPRESS_EMPTY_ELEMENTS]: "compressEmptyElements",
  [WS_XML_WRITER_PROPERTY_EMIT_UNCOMPRESSED_EMPTY_ELEMENTS]: "emitUncompressedEmptyElements",
};

/** Properties that report the writer's state; setting one is E_INVALIDARG, as on Windows. */
const READ_ONLY = new Set<number>([
  WS_XML_WRITER_PROPERTY_CHARSET,
  WS_XML_WRITER_PROPERTY_BUFFERS,
  WS_XML_WRITER_PROPERTY_BYTES,
  WS_XML_WRITER_PROPERTY_IN_ATTRIBUTE,
  WS_XML_WRITER_PROPERTY_BYTES_WRITTEN,
  WS_XML_WRITER_PROPERTY_BYTES_TO_CLOSE,
]);

/** Applies `properties` on top of `base`; a wrong id or value type, or a read-only property, is E_INVALIDARG. */
export function applyWriterProperties(
  functionName: string,
  base: Readonly<WriterSettings>,
  properties: readonly WS_XML_WRITER_PROPERTY[] | null,
): WriterSettings {
  const settings: WriterSettings = { ...base };
  const list = properties ?? [];
  for (let i = 0; i < list.length; i++) {
    const property = list[i];
    if (!isObject(property)) {
      throw new WsError(
        E_INVALIDARG,
        `${functionName}: properties[${i}] must be a WS_XML_WRITER_PROPERTY, not ${describeValue(property)}.`,
      );
    }
    const { id, value } = property as WS_XML_WRITER_PROPERTY;
    const ulong = ULONG_SETTINGS[id];
    const bool = BOOL_SETTINGS[id];
    if (ulong !== undefined) {
      if (typeof value !== "number" || value >>> 0 !== value) {
        throw new WsError(E_INVALIDARG, `${functionName}: writer property ${id} must be a ULONG, not ${describeValue(value)}.`);
      }
      settings[ulong] = value;
    } else if (bool !== undefined) {
      if (typeof value !== "boolean") {
        throw new WsError(E_INVALIDARG, `${functionName}: writer property ${id} must be a boolean, not ${describeValue(value)}.`);
      }
      settings[bool] = value;
    } else if (id === WS_XML_WRITER_PROPERTY_INITIAL_BUFFER) {
      const bytes = isObject(value) ? (value as { bytes?: unknown }).bytes : undefined;
      if (!(bytes instanceof Uint8Array)) {
        throw new WsError(
          E_INVALIDARG,
          `${functionName}: WS_XML_WRITER_PROPERTY_INITIAL_BUFFER must be a WS_BYTES ({ bytes: Uint8Array }), not ${describeValue(value)}.`,
        );
      }
      settings.initialBuffer = bytes;
    } else if (READ_ONLY.has(id)) {
      throw new WsError(E_INVALIDARG, `${functionName}: writer property ${id} is read-only.`);
    } else {
      throw new WsError(E_INVALIDARG, `${functionName}: ${describeValue(id)} is not a WS_XML_WRITER_PROPERTY_ID.`);
    }
  }
  return settings;
}

/** The value of a settable property, or undefined when `id` is not one. */
export function writerSettingValue(settings: WriterSettings, id: number): number | boolean | undefined {
  const key = ULONG_SETTINGS[id] ?? BOOL_SETTINGS[id];
  return key === undefined ? undefined : settings[key];
}
