import { type DECIMAL, WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { quoted } from "./lexical.js";

const FORM = /^([+-]?)([0-9]+)(?:\.([0-9]+))?$/;
/** DECIMAL: a 96-bit unsigned integer scaled by 10^-scale, scale 0 to 28 ([MS-OAUT] 2.2.26). */
const MAX_MANTISSA = 2n ** 96n - 1n;
const MAX_SCALE = 28;
/** 2^96 - 1 has 29 digits; more significant digits cannot fit. */
const MAX_DIGITS = 29;

/**
 * WS_DECIMAL_VALUE_TYPE: sign? digits ("." digits)?. The DECIMAL keeps the digits as written: the
 * scale is the number of fraction digits ("1.50" is 150 at scale 2), as DECIMAL values carry their
 * scale. Trailing fraction zeros beyond what a DECIMAL holds are dropped, since they change no
 * value; a text whose value needs more than 96 bits or 28 fraction digits is refused with
 * WS_E_INVALID_FORMAT (the code WsReadValue documents; Windows' choice for such text is not
 * recorded anywhere we could find). The sign is kept as written, also for zero.
 */
export function parseDecimal(text: string): DECIMAL {
  const match = FORM.exec(text);
  if (match === null) throw new WsError(WS_E_INVALID_FORMAT, `${quoted(text)} is not a decimal: sign? digits ("." digits)? was expected.`);
  const integer = match[2]!.replace(/^0+/, "");
  let fraction = match[3] ?? "";
  // Drop trailing fraction zeros where the DECIMAL could not keep them (they change no value).
  const significant = (integer + fraction).replace(/^0+/, "").length;
  const excess = Math.max(fraction.length - MAX_SCALE, significant - MAX_DIGITS, 0);
  if (excess > fraction.length - fraction.replace(/0+$/, "").length) throw tooLarge(text);
  fraction = fraction.slice(0, fraction.length - excess);
  let mantissa = BigInt(integer + fraction || "0");
  if (mantissa > MAX_MANTISSA && fraction.endsWith("0")) {
    fraction = fraction.slice(0, -1);
    mantissa /= 10n;
  }
  if (mantissa > MAX_MANTISSA) throw tooLarge(text);
  return { scale: fraction.length, sign: match[1] === "-" ? 0x80 : 0, Hi32: Number(mantissa >> 64n), Lo64: mantissa & (2n ** 64n - 1n) };
}

function tooLarge(text: string): WsError {
  return new WsError(
    WS_E_INVALID_FORMAT,
    `${quoted(text)} is not a decimal: a DECIMAL holds at most 96 bits of digits and 28 fraction digits.`,
  );
}
