import { WsError } from "../errors/ws-error.js";
import { WS_DATETIME_FORMAT_UTC } from "../gen/enums.js";
import type { WS_ERROR } from "../gen/handles.js";
import { E_INVALIDARG, S_OK, WS_E_INVALID_FORMAT } from "../gen/hresults.js";
import type { WS_DATETIME } from "../gen/structs.js";
import type { FILETIME, HRESULT, Ref } from "../types/native.js";

/**
 * WS_DATETIME counts 100-nanosecond ticks from 0001-01-01; FILETIME counts them from 1601-01-01.
 * TICKS_AT_1601 is the distance between the two epochs; MAX_DATETIME_TICKS is the last tick of
 * 9999-12-31, past which a WS_DATETIME cannot go (WsFileTimeToDateTime docs).
 */
export const TICKS_AT_1601 = 504_911_232_000_000_000n;
export const MAX_DATETIME_TICKS = 3_155_378_975_999_999_999n;

const isDword = (v: unknown): v is number => typeof v === "number" && v >>> 0 === v;

export function WsFileTimeToDateTime(fileTime: FILETIME, dateTime: Ref<WS_DATETIME>, _error: WS_ERROR | null): HRESULT {
  const { dwLowDateTime, dwHighDateTime } = fileTime;
  if (!isDword(dwLowDateTime) || !isDword(dwHighDateTime)) {
    throw new WsError(
      E_INVALIDARG,
      "WsFileTimeToDateTime: dwLowDateTime and dwHighDateTime must each be a DWORD (an integer from 0 to 4294967295).",
    );
  }
  const ticks = (BigInt(dwHighDateTime) << 32n) + BigInt(dwLowDateTime) + TICKS_AT_1601;
  if (ticks > MAX_DATETIME_TICKS) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `WsFileTimeToDateTime: the FILETIME (high 0x${dwHighDateTime.toString(16)}, low 0x${dwLowDateTime.toString(16)}) ` +
        "is after 9999-12-31, the last date a WS_DATETIME can represent.",
    );
  }
  dateTime.value = { ticks, format: WS_DATETIME_FORMAT_UTC };
  return S_OK;
}

export function WsDateTimeToFileTime(dateTime: WS_DATETIME, fileTime: Ref<FILETIME>, _error: WS_ERROR | null): HRESULT {
  const { ticks } = dateTime;
  if (typeof ticks !== "bigint") {
    throw new WsError(E_INVALIDARG, `WsDateTimeToFileTime: dateTime.ticks must be a bigint, not ${typeof ticks}.`);
  }
  if (ticks < 0n || ticks > MAX_DATETIME_TICKS) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `WsDateTimeToFileTime: ticks ${String(ticks)} is not a WS_DATETIME (0 to ${MAX_DATETIME_TICKS}).`,
    );
  }
  if (ticks < TICKS_AT_1601) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `WsDateTimeToFileTime: ticks ${ticks} is before 1601-01-01 (${TICKS_AT_1601}), the first date a FILETIME can represent.`,
    );
  }
  const value = ticks - TICKS_AT_1601;
  fileTime.value = { dwLowDateTime: Number(value & 0xffff_ffffn), dwHighDateTime: Number(value >> 32n) };
  return S_OK;
}
