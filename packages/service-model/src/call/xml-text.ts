import type { WS_XML_STRING } from "@wwsapi/core";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A WS_XML_STRING of `text` (UTF-8, no dictionary), for actions and element names. */
export const xmlText = (text: string): WS_XML_STRING => ({ bytes: encoder.encode(text), dictionary: null, id: 0 }) as WS_XML_STRING;

/** An action's text, or null for none. */
export const actionText = (action: WS_XML_STRING | null | undefined): string | null =>
  action == null ? null : decoder.decode(action.bytes);
