import { takeFailure } from "../runtime/outcomes.js";
import type { HRESULT } from "../types/native.js";

/**
 * The idiomatic layer calls the flat API and throws what it returns on failure: the WsError the
 * flat call recorded (with its strings), so the two layers report the same thing.
 */
export function throwOnFailure(hr: HRESULT): HRESULT {
  if (hr < 0) throw takeFailure(hr);
  return hr;
}
