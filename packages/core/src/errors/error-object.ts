import { HandleBase } from "../runtime/handle.js";

/** The language id errors are reported in: WWSAPI uses the user's UI language; ours is en-US. */
export const DEFAULT_LANGID = 0x0409;

/**
 * WS_ERROR: the strings that describe a failure, most recently added first (index 0, as
 * WsGetErrorString documents), plus the original error code and language id properties.
 */
export class ErrorObject extends HandleBase<"WS_ERROR", "single"> {
  /** Most recently added first. */
  strings: string[] = [];
  originalErrorCode = 0;
  langId = DEFAULT_LANGID;
  /** The language id set at instantiation, which WsResetError returns to. */
  createdLangId = DEFAULT_LANGID;
  /**
   * What other packages attach to the error, each under a symbol of its own (the channels keep the
   * WS_FAULT_ERROR_PROPERTY_ID values here). WsResetError and WsFreeError clear it, as the docs say
   * of those properties ("valid until WsResetError or WsFreeError"); WsCopyError copies it.
   */
  readonly attachments = new Map<symbol, unknown>();

  constructor() {
    super("WS_ERROR", "single");
  }
}

/**
 * Records a failure on a caller's WS_ERROR: `strings` are most specific first, so they are added
 * last-to-first and strings[0] ends up at index 0. WS_ERROR_PROPERTY_ORIGINAL_ERROR_CODE is left
 * alone: it is for an underlying platform error, not the HRESULT the function returns.
 */
export function recordFailure(error: object, strings: readonly string[]): void {
  const target = error as ErrorObject;
  if (!Array.isArray(target.strings)) return; // a WS_ERROR from a foreign implementation: nothing to record into
  for (let i = strings.length - 1; i >= 0; i--) target.strings.unshift(strings[i]!);
}
