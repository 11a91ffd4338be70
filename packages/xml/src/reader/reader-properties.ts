import {
  E_INVALIDARG,
  type WS_XML_READER_PROPERTY,
  WS_XML_READER_PROPERTY_ALLOW_FRAGMENT,
  WS_XML_READER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES,
  WS_XML_READER_PROPERTY_CHARSET,
  WS_XML_READER_PROPERTY_COLUMN,
  WS_XML_READER_PROPERTY_IN_ATTRIBUTE,
  WS_XML_READER_PROPERTY_MAX_ATTRIBUTES,
  WS_XML_READER_PROPERTY_MAX_DEPTH,
  WS_XML_READER_PROPERTY_MAX_MIME_PARTS,
  WS_XML_READER_PROPERTY_MAX_NAMESPACES,
  WS_XML_READER_PROPERTY_READ_DECLARATION,
  WS_XML_READER_PROPERTY_ROW,
  WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE,
  WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE,
  WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE,
  WS_XML_READER_PROPERTY_UTF8_TRIM_SIZE,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";

/** The settable properties of WS_XML_READER, with WWSAPI's documented defaults. */
export interface ReaderSettings {
  maxDepth: number;
  allowFragment: boolean;
  maxAttributes: number;
  readDeclaration: boolean;
  utf8TrimSize: number;
  streamBufferSize: number;
  streamMaxRootMimePartSize: number;
  streamMaxMimeHeadersSize: number;
  maxMimeParts: number;
  allowInvalidCharacterReferences: boolean;
  maxNamespaces: number;
}

export const DEFAULT_READER_SETTINGS: Readonly<ReaderSettings> = Object.freeze({
  maxDepth: 32,
  allowFragment: false,
  maxAttributes: 128,
  readDeclaration: true,
  utf8TrimSize: 4096,
  streamBufferSize: 4096,
  streamMaxRootMimePartSize: 65536,
  streamMaxMimeHeadersSize: 256,
  maxMimeParts: 4096,
  allowInvalidCharacterReferences: false,
  maxNamespaces: 32,
});

const ULONG_SETTINGS: Record<number, keyof ReaderSettings> = {
  [WS_XML_READER_PROPERTY_MAX_DEPTH]: "maxDepth",
  [WS_XML_READER_PROPERTY_MAX_ATTRIBUTES]: "maxAttributes",
  [WS_XML_READER_PROPERTY_UTF8_TRIM_SIZE]: "utf8TrimSize",
  [WS_XML_READER_PROPERTY_STREAM_BUFFER_SIZE]: "streamBufferSize",
  [WS_XML_READER_PROPERTY_STREAM_MAX_ROOT_MIME_PART_SIZE]: "streamMaxRootMimePartSize",
  [WS_XML_READER_PROPERTY_STREAM_MAX_MIME_HEADERS_SIZE]: "streamMaxMimeHeadersSize",
  [WS_XML_READER_PROPERTY_MAX_MIME_PARTS]: "maxMimeParts",
  [WS_XML_READER_PROPERTY_MAX_NAMESPACES]: "maxNamespaces",
};

const BOOL_SETTINGS: Record<number, keyof ReaderSettings> = {
  [WS_XML_READER_PROPERTY_ALLOW_FRAGMENT]: "allowFragment",
  [WS_XML_READER_PROPERTY_READ_DECLARATION]: "readDeclaration",
  [WS_XML_READER_PROPERTY_ALLOW_INVALID_CHARACTER_REFERENCES]: "allowInvalidCharacterReferences",
};

const READ_ONLY = new Set<number>([
  WS_XML_READER_PROPERTY_CHARSET,
  WS_XML_READER_PROPERTY_ROW,
  WS_XML_READER_PROPERTY_COLUMN,
  WS_XML_READER_PROPERTY_IN_ATTRIBUTE,
]);

/** Applies `properties` on top of `base`; a wrong id, type or a read-only property is E_INVALIDARG. */
export function applyReaderProperties(
  functionName: string,
  base: Readonly<ReaderSettings>,
  properties: readonly WS_XML_READER_PROPERTY[] | null,
): ReaderSettings {
  const settings = { ...base };
  for (const { id, value } of properties ?? []) {
    const ulong = ULONG_SETTINGS[id];
    const bool = BOOL_SETTINGS[id];
    if (ulong !== undefined) {
      if (typeof value !== "number" || value >>> 0 !== value)
        throw new WsError(E_INVALIDARG, `${functionName}: reader property ${id} must be a ULONG.`);
      (settings[ulong] as number) = value;
    } else if (bool !== undefined) {
      if (typeof value !== "boolean") throw new WsError(E_INVALIDARG, `${functionName}: reader property ${id} must be a boolean.`);
      (settings[bool] as boolean) = value;
    } else if (READ_ONLY.has(id)) {
      throw new WsError(E_INVALIDARG, `${functionName}: reader property ${id} is read-only.`);
    } else {
      throw new WsError(E_INVALIDARG, `${functionName}: ${id} is not a WS_XML_READER_PROPERTY_ID.`);
    }
  }
  return settings;
}

export function settingValue(settings: ReaderSettings, id: number): number | boolean | undefined {
  const key = ULONG_SETTINGS[id] ?? BOOL_SETTINGS[id];
  return key === undefined ? undefined : settings[key];
}
