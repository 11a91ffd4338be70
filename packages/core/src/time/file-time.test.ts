import {
  E_INVALIDARG,
  type FILETIME,
  ref,
  S_OK,
  type WS_DATETIME,
  WS_DATETIME_FORMAT_LOCAL,
  WS_DATETIME_FORMAT_UTC,
  WS_E_INVALID_FORMAT,
  type WS_ERROR,
  WsCreateError,
  WsDateTimeToFileTime,
  WsFileTimeToDateTime,
  WsFreeError,
  WsGetErrorString,
} from "@wwsapi/core";
import { afterEach, describe, expect, it } from "vitest";

/** WS_DATETIME ticks (100 ns since 0001-01-01) of 1601-01-01T00:00:00Z, FILETIME's epoch. */
const TICKS_AT_1601 = 504_911_232_000_000_000n;
/** WS_DATETIME ticks of 9999-12-31T23:59:59.9999999Z, the last instant a WS_DATETIME can hold. */
const MAX_TICKS = 3_155_378_975_999_999_999n;
/** 2000-01-01T00:00:00Z as a FILETIME (100 ns since 1601) and as WS_DATETIME ticks. */
const FILETIME_2000 = 125_911_584_000_000_000n;
const TICKS_2000 = 630_822_816_000_000_000n;
/** The last FILETIME a WS_DATETIME can hold: MAX_TICKS - TICKS_AT_1601 = 2650467743999999999. */
const MAX_FILETIME = MAX_TICKS - TICKS_AT_1601;

const errors: WS_ERROR[] = [];
afterEach(() => {
  for (const error of errors.splice(0)) if (!error.freed) WsFreeError(error);
});

function createError(): WS_ERROR {
  const out = ref<WS_ERROR | null>(null);
  expect(WsCreateError(null, out)).toBe(S_OK);
  const error = out.value;
  if (error === null) throw new Error("WsCreateError returned S_OK without setting the out parameter");
  errors.push(error);
  return error;
}

function errorString(error: WS_ERROR, index: number): string {
  const value = ref("");
  expect(WsGetErrorString(error, index, value)).toBe(S_OK);
  return value.value;
}

/** Splits a 64-bit FILETIME value into its two DWORD halves. */
function fileTime(value: bigint): FILETIME {
  return { dwLowDateTime: Number(value & 0xffff_ffffn), dwHighDateTime: Number(value >> 32n) };
}

function toDateTime(ft: FILETIME): WS_DATETIME {
  const out = ref<WS_DATETIME>({ ticks: -1n, format: WS_DATETIME_FORMAT_LOCAL });
  expect(WsFileTimeToDateTime(ft, out, null)).toBe(S_OK);
  return out.value;
}

function toFileTime(ticks: bigint, format: WS_DATETIME["format"] = WS_DATETIME_FORMAT_UTC): FILETIME {
  const out = ref<FILETIME>({ dwLowDateTime: -1, dwHighDateTime: -1 });
  expect(WsDateTimeToFileTime({ ticks, format }, out, null)).toBe(S_OK);
  return out.value;
}

describe("WsFileTimeToDateTime", () => {
  it("converts FILETIME {0, 0} to 1601-01-01: ticks 504911232000000000, format WS_DATETIME_FORMAT_UTC", () => {
    expect(toDateTime({ dwLowDateTime: 0, dwHighDateTime: 0 })).toEqual({
      ticks: TICKS_AT_1601,
      format: WS_DATETIME_FORMAT_UTC,
    });
  });

  it("converts 2000-01-01T00:00:00Z (FILETIME 125911584000000000) to ticks 630822816000000000", () => {
    expect(FILETIME_2000).toBe(BigInt(Date.UTC(2000, 0, 1)) * 10_000n + 116_444_736_000_000_000n); // the Unix-epoch FILETIME
    const ft = { dwLowDateTime: 0x256d_4000, dwHighDateTime: 0x01bf_53eb };
    expect(ft).toEqual(fileTime(FILETIME_2000));
    expect(toDateTime(ft)).toEqual({ ticks: TICKS_2000, format: WS_DATETIME_FORMAT_UTC });
  });

  it("reads dwLowDateTime as an unsigned 32-bit number (high bit set)", () => {
    expect(toDateTime({ dwLowDateTime: 0x8000_0000, dwHighDateTime: 0 }).ticks).toBe(TICKS_AT_1601 + 0x8000_0000n);
    expect(toDateTime({ dwLowDateTime: 0xffff_ffff, dwHighDateTime: 0 }).ticks).toBe(TICKS_AT_1601 + 0xffff_ffffn);
    expect(toDateTime({ dwLowDateTime: 0, dwHighDateTime: 1 }).ticks).toBe(TICKS_AT_1601 + 0x1_0000_0000n);
  });

  it("converts the last FILETIME that is still <= 9999-12-31T23:59:59.9999999 to the maximum ticks", () => {
    const ft = fileTime(MAX_FILETIME);
    expect(ft).toEqual({ dwLowDateTime: 0xd1c0_3fff, dwHighDateTime: 0x24c8_5a5e });
    expect(toDateTime(ft)).toEqual({ ticks: MAX_TICKS, format: WS_DATETIME_FORMAT_UTC });
  });

  it("returns WS_E_INVALID_FORMAT one tick later, in the year 10000 (docs: a WS_DATETIME cannot represent it)", () => {
    const error = createError();
    const out = ref<WS_DATETIME>({ ticks: 7n, format: WS_DATETIME_FORMAT_LOCAL });
    expect(WsFileTimeToDateTime(fileTime(MAX_FILETIME + 1n), out, error)).toBe(WS_E_INVALID_FORMAT);
    expect(out.value).toEqual({ ticks: 7n, format: WS_DATETIME_FORMAT_LOCAL });
    expect(errorString(error, 0)).toBe(
      "WsFileTimeToDateTime: the FILETIME (high 0x24c85a5e, low 0xd1c04000) is after 9999-12-31, the last date a WS_DATETIME can represent.",
    );
  });

  it("returns WS_E_INVALID_FORMAT for the largest FILETIME (0xFFFFFFFF, 0xFFFFFFFF)", () => {
    const out = ref<WS_DATETIME>({ ticks: 7n, format: WS_DATETIME_FORMAT_LOCAL });
    expect(WsFileTimeToDateTime({ dwLowDateTime: 0xffff_ffff, dwHighDateTime: 0xffff_ffff }, out, null)).toBe(WS_E_INVALID_FORMAT);
    expect(out.value.ticks).toBe(7n);
  });

  it("refuses a missing FILETIME or out parameter with E_INVALIDARG, naming the parameter", () => {
    const error = createError();
    expect(WsFileTimeToDateTime(null as unknown as FILETIME, ref<WS_DATETIME>({ ticks: 0n, format: 0 }), error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsFileTimeToDateTime: parameter 'fileTime' must be an object, not null.");
    expect(WsFileTimeToDateTime(fileTime(0n), undefined as unknown as { value: WS_DATETIME }, error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe(
      "WsFileTimeToDateTime: parameter 'dateTime' must be a Ref (an object whose value the function sets), not undefined.",
    );
  });

  // BUG: the docs list E_INVALIDARG, "One or more arguments are invalid", and FILETIME's halves are DWORDs.
  // The implementation coerces each half with `>>> 0`, so a half that is not a DWORD (fractional, NaN,
  // missing, 2^32) silently becomes another number (1, 0, 0, 0) and the call returns S_OK with a wrong date.
  it("refuses a FILETIME whose halves are not 32-bit unsigned integers with E_INVALIDARG", () => {
    const bad: FILETIME[] = [
      { dwLowDateTime: 1.5, dwHighDateTime: 0 },
      { dwLowDateTime: Number.NaN, dwHighDateTime: 0 },
      { dwLowDateTime: 2 ** 32, dwHighDateTime: 0 },
      { dwHighDateTime: 0 } as FILETIME,
    ];
    for (const ft of bad) {
      const out = ref<WS_DATETIME>({ ticks: 7n, format: WS_DATETIME_FORMAT_LOCAL });
      expect(WsFileTimeToDateTime(ft, out, null)).toBe(E_INVALIDARG);
      expect(out.value.ticks).toBe(7n);
    }
  });
});

describe("WsDateTimeToFileTime", () => {
  it("converts ticks exactly at 1601-01-01 to FILETIME {0, 0}", () => {
    expect(toFileTime(TICKS_AT_1601)).toEqual({ dwLowDateTime: 0, dwHighDateTime: 0 });
  });

  it("converts 2000-01-01T00:00:00Z (ticks 630822816000000000) to FILETIME 125911584000000000", () => {
    expect(toFileTime(TICKS_2000)).toEqual({ dwLowDateTime: 0x256d_4000, dwHighDateTime: 0x01bf_53eb });
  });

  it("converts the maximum ticks (9999-12-31T23:59:59.9999999) to the last representable FILETIME", () => {
    expect(toFileTime(MAX_TICKS)).toEqual({ dwLowDateTime: 0xd1c0_3fff, dwHighDateTime: 0x24c8_5a5e });
  });

  it("writes dwLowDateTime and dwHighDateTime as unsigned 32-bit numbers (high bit set gives 0x80000000, not negative)", () => {
    const ft = toFileTime(TICKS_AT_1601 + 0x8000_0000n);
    expect(ft).toEqual({ dwLowDateTime: 0x8000_0000, dwHighDateTime: 0 });
    expect(ft.dwLowDateTime).toBe(2_147_483_648);
    const all = toFileTime(TICKS_AT_1601 + 0x1_ffff_ffffn);
    expect(all).toEqual({ dwLowDateTime: 0xffff_ffff, dwHighDateTime: 1 });
    for (const half of [all.dwLowDateTime, all.dwHighDateTime]) {
      expect(Number.isInteger(half)).toBe(true);
      expect(half >>> 0).toBe(half);
    }
  });

  it("returns WS_E_INVALID_FORMAT for ticks before 1601 (docs: FILETIME cannot represent dates between 0001 and 1601)", () => {
    const error = createError();
    for (const ticks of [0n, 1n, TICKS_AT_1601 - 1n]) {
      const out = ref<FILETIME>({ dwLowDateTime: 7, dwHighDateTime: 7 });
      expect(WsDateTimeToFileTime({ ticks, format: WS_DATETIME_FORMAT_UTC }, out, error)).toBe(WS_E_INVALID_FORMAT);
      expect(out.value).toEqual({ dwLowDateTime: 7, dwHighDateTime: 7 });
    }
    expect(errorString(error, 0)).toBe(
      "WsDateTimeToFileTime: ticks 504911231999999999 is before 1601-01-01 (504911232000000000), the first date a FILETIME can represent.",
    );
  });

  it("returns WS_E_INVALID_FORMAT for negative ticks and for ticks past 9999-12-31", () => {
    const error = createError();
    for (const ticks of [-1n, MAX_TICKS + 1n, 2n ** 64n - 1n]) {
      const out = ref<FILETIME>({ dwLowDateTime: 7, dwHighDateTime: 7 });
      expect(WsDateTimeToFileTime({ ticks, format: WS_DATETIME_FORMAT_UTC }, out, error)).toBe(WS_E_INVALID_FORMAT);
      expect(out.value).toEqual({ dwLowDateTime: 7, dwHighDateTime: 7 });
    }
    expect(errorString(error, 1)).toBe("WsDateTimeToFileTime: ticks 3155378976000000000 is not a WS_DATETIME (0 to 3155378975999999999).");
    expect(errorString(error, 2)).toBe("WsDateTimeToFileTime: ticks -1 is not a WS_DATETIME (0 to 3155378975999999999).");
  });

  it("refuses a missing WS_DATETIME or out parameter with E_INVALIDARG, naming the parameter", () => {
    const error = createError();
    expect(WsDateTimeToFileTime(null as unknown as WS_DATETIME, ref(fileTime(0n)), error)).toBe(E_INVALIDARG);
    expect(errorString(error, 0)).toBe("WsDateTimeToFileTime: parameter 'dateTime' must be an object, not null.");
    expect(WsDateTimeToFileTime({ ticks: TICKS_2000, format: WS_DATETIME_FORMAT_UTC }, null as unknown as { value: FILETIME }, error)).toBe(
      E_INVALIDARG,
    );
    expect(errorString(error, 0)).toBe(
      "WsDateTimeToFileTime: parameter 'fileTime' must be a Ref (an object whose value the function sets), not null.",
    );
  });
});

describe("round trips", () => {
  it("FILETIME -> WS_DATETIME -> FILETIME gives back the same FILETIME", () => {
    for (const value of [0n, 1n, 0x8000_0000n, 0xffff_ffffn, 0x1_0000_0000n, FILETIME_2000, MAX_FILETIME - 1n, MAX_FILETIME]) {
      const ft = fileTime(value);
      const dt = toDateTime(ft);
      expect(dt.ticks).toBe(value + TICKS_AT_1601);
      expect(toFileTime(dt.ticks, dt.format)).toEqual(ft);
    }
  });

  it("WS_DATETIME -> FILETIME -> WS_DATETIME gives back the same ticks, in UTC", () => {
    for (const ticks of [TICKS_AT_1601, TICKS_AT_1601 + 1n, TICKS_2000, TICKS_2000 + 1234567n, MAX_TICKS]) {
      expect(toDateTime(toFileTime(ticks))).toEqual({ ticks, format: WS_DATETIME_FORMAT_UTC });
    }
  });
});
