import type { DECIMAL } from "@wwsapi/core";
import { checkObject, invalidArgument } from "./value-checks.js";

/** DECIMAL's sign byte for a negative value (oleauto.h DECIMAL_NEG). */
const DECIMAL_NEG = 0x80;
/** The largest scale: 28 decimal places ([MS-OAUT] 2.2.26). */
const MAX_SCALE = 28;

/** A DECIMAL argument, checked field by field: scale 0-28, sign 0 or 0x80, Hi32 a ULONG, Lo64 an unsigned 64-bit bigint. */
export function checkDecimal(fn: string, what: string, value: unknown): DECIMAL {
  const d = checkObject(fn, what, value, "a DECIMAL");
  const { scale, sign, Hi32, Lo64 } = d;
  if (typeof scale !== "number" || !Number.isInteger(scale) || scale < 0 || scale > MAX_SCALE) {
    throw invalidArgument(fn, `${what}.scale`, `an integer from 0 to ${MAX_SCALE}`, scale);
  }
  if (sign !== 0 && sign !== DECIMAL_NEG) throw invalidArgument(fn, `${what}.sign`, "0 or 0x80 (DECIMAL_NEG)", sign);
  if (typeof Hi32 !== "number" || Hi32 >>> 0 !== Hi32) throw invalidArgument(fn, `${what}.Hi32`, "an integer from 0 to 4294967295", Hi32);
  if (typeof Lo64 !== "bigint" || BigInt.asUintN(64, Lo64) !== Lo64) {
    throw invalidArgument(fn, `${what}.Lo64`, "a bigint in the unsigned 64-bit range", Lo64);
  }
  return { scale, sign, Hi32, Lo64 };
}

/**
 * WS_XML_DECIMAL_TEXT: "The value 1.23 represents the text "1.23"". The digits are the 96-bit
 * integer Hi32:Lo64 with the point `scale` places from the right; as [MC-NBFX] 2.2.3.11 states
 * for the same value, the point appears "only if a fractional component exists", there are no
 * "unnecessary leading or trailing zeros", and a single "0" precedes a leading point
 * (scale 6, 5123456000 → "5123.456"; scale 3, 5 → "0.005"). Zero is "0" whatever the sign.
 */
export function formatDecimal(value: DECIMAL): string {
  const mantissa = (BigInt(value.Hi32) << 64n) | value.Lo64;
  if (mantissa === 0n) return "0";
  const digits = mantissa.toString().padStart(value.scale + 1, "0");
  const integer = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale).replace(/0+$/, "");
  const text = fraction === "" ? integer : `${integer}.${fraction}`;
  return value.sign === DECIMAL_NEG ? `-${text}` : text;
}
