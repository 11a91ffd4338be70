/**
 * Error construction shared by the URL functions, so that every message has the same shape:
 * `<Api>: <what> at offset <n> in <which> "<input>": <why>`, naming the function, the offending text,
 * where it is, and what was expected.
 */
import { WsError } from "../errors/ws-error.js";
import { E_INVALIDARG } from "../gen/hresults.js";
import { WS_URL_FLAGS_ALL } from "./url-types.js";

/** The input string a message points into, and how to name it ("" for the only input). */
export interface UrlSource {
  readonly api: string;
  readonly input: string;
  /** Such as "base URL " or "reference URL "; empty when the function takes one URL. */
  readonly label: string;
}

/** JSON quoting shows control characters and quotes unambiguously. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

export function urlError(hr: number, api: string, detail: string): WsError {
  return new WsError(hr, `${api}: ${detail}`);
}

/** An error about the text at `offset` of `source.input`. */
export function errorAt(hr: number, source: UrlSource, what: string, offset: number, why: string): WsError {
  return urlError(hr, source.api, `${what} at offset ${offset} in ${source.label}${quote(source.input)}: ${why}`);
}

/**
 * Flags are a ULONG of WS_URL_FLAGS bits. Every function accepts all three defined bits (the docs say
 * which functions each one affects; the others ignore it) and rejects any other bit as E_INVALIDARG.
 */
export function checkFlags(api: string, flags: number): number {
  if (!Number.isInteger(flags) || flags < 0 || flags > 0xffffffff) {
    throw urlError(E_INVALIDARG, api, `invalid flags ${String(flags)}: must be a ULONG of WS_URL_FLAGS bits`);
  }
  const unknown = flags & ~WS_URL_FLAGS_ALL;
  if (unknown !== 0) {
    throw urlError(
      E_INVALIDARG,
      api,
      `invalid flags 0x${(flags >>> 0).toString(16)}: bits 0x${(unknown >>> 0).toString(16)} are not WS_URL_FLAGS (allowed: 0x${WS_URL_FLAGS_ALL.toString(16)})`,
    );
  }
  return flags;
}
