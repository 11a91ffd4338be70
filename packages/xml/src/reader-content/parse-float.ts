import { WS_E_INVALID_FORMAT } from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { isDigit, quoted } from "./lexical.js";

/**
 * WS_DOUBLE_VALUE_TYPE and WS_FLOAT_VALUE_TYPE (WsReadValue: "sign? digits ("." digits)? exponent?
 * | "NaN" | "INF" | "-INF"", exponent = ("E" | "e") sign? digits). Windows is laxer about the
 * mantissa than that grammar, as Wine's conformance tests of WsReadType record: "-", "+", ".",
 * "-.", ".0" and "0." are accepted, the ones without any digit as +0 (not -0: "-" is 0 while
 * "-0.0" is -0); an exponent needs a digit before it ("e10" is refused) and after it ("1e" is
 * refused). The special values are case-sensitive and take no other sign ("+INF", "-NaN", "inf",
 * "Infinity", "NAN" are refused). The value is the nearest double (JavaScript's conversion is
 * correctly rounded, as Windows' results are: "1.7976931348623159e308" is INF,
 * "4.94065645841247e-324" the smallest subnormal).
 */

function checkLexical(text: string, typeName: string): boolean {
  let at = 0;
  const c0 = text.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) at++;
  let digits = 0;
  while (isDigit(text.charCodeAt(at))) {
    at++;
    digits++;
  }
  if (text.charCodeAt(at) === 0x2e) {
    at++;
    while (isDigit(text.charCodeAt(at))) {
      at++;
      digits++;
    }
  }
  const e = text.charCodeAt(at);
  if ((e === 0x45 || e === 0x65) && digits > 0) {
    at++;
    const sign = text.charCodeAt(at);
    if (sign === 0x2b || sign === 0x2d) at++;
    const start = at;
    while (isDigit(text.charCodeAt(at))) at++;
    if (at === start) at = -1;
  }
  if (at !== text.length || text.length === 0) {
    throw new WsError(
      WS_E_INVALID_FORMAT,
      `${quoted(text)} is not a ${typeName}: sign? digits ("." digits)? exponent?, "INF", "-INF" or "NaN" was expected.`,
    );
  }
  return digits > 0;
}

export function parseDouble(text: string): number {
  if (text === "INF") return Number.POSITIVE_INFINITY;
  if (text === "-INF") return Number.NEGATIVE_INFINITY;
  if (text === "NaN") return Number.NaN;
  return checkLexical(text, "double") ? Number(text) : 0;
}

/**
 * The float is the double rounded to single precision. (Rounding twice can differ from rounding
 * the decimal text once in rare halfway cases; Windows' results in the conformance tests, such as
 * "3.4028236e38" → INF and "1.1754942e-38" → 0x007fffff, agree with it.)
 */
export function parseFloat32(text: string): number {
  if (text === "INF") return Number.POSITIVE_INFINITY;
  if (text === "-INF") return Number.NEGATIVE_INFINITY;
  if (text === "NaN") return Number.NaN;
  return checkLexical(text, "float") ? Math.fround(Number(text)) : 0;
}
