import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { quoted } from "./lexical.js";

/**
 * WS_BOOL_VALUE_TYPE: "true" | "false" | "1" | "0", case-sensitive (Windows refuses "FALSE" and
 * "2", as Wine's conformance tests of WsReadType record).
 */
export function parseBool(text: string): boolean {
  if (text === "true" || text === "1") return true;
  if (text === "false" || text === "0") return false;
  throw new WsError(WS_E_INVALID_FORMAT, `${quoted(text)} is not a bool: "true", "false", "1" or "0" was expected.`);
}
