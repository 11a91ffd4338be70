import { uuidToString } from "../binary/value-formats.js";

/**
 * GUIDs: WS_XML_TEXT_TYPE_GUID "represents the text "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"",
 * WS_XML_TEXT_TYPE_UNIQUE_ID "the text "urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"". Data1,
 * Data2 and Data3 are little-endian in the GUID's memory; hex digits are lower case, as in the
 * [MC-NBFX] UuidText and UniqueIdText examples (the docs of WWSAPI do not say).
 */
export function formatGuid(guid: Uint8Array): string {
  return uuidToString(guid);
}

export function formatUniqueId(guid: Uint8Array): string {
  return `urn:uuid:${uuidToString(guid)}`;
}
