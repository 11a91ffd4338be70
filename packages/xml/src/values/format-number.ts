/**
 * Numbers as WWSAPI writes them in text.
 *
 * Integers are plain base 10 ("-2147483648", "18446744073709551615": Windows, in the Wine
 * conformance tests of WsWriteValue).
 *
 * Floating point values (WS_XML_DOUBLE_TEXT, WS_XML_FLOAT_TEXT): "The textual representation of
 * the value has enough digits to preserve the floating point value. Negative zero is represented
 * by the text "-0". Positive infinity is represented by the text "INF"; Negative infinity … "-INF";
 * Unrepresentable values … "NaN"." The digits are the fewest that read back as the same value.
 * Where the decimal point goes is not documented; what Windows wrote for doubles (the Wine tests)
 * fixes it: "100000000000000" for 1e14 but "1E+15" for 1e15, "0.1" for 0.1 but "1E-2" for 0.01,
 * "1.0000000000000002", "1.7976931348623157E+308". So the plain form is used while the first
 * significant digit is between the 10^14 and the 10^-1 position, and "d.dddE±x" (upper case E,
 * sign always, no leading zeros in the exponent, as [MC-NBFX] 2.2.3.9 also describes) outside.
 */

/** Exponents of the first significant digit that are written without "E". */
const PLAIN_MIN_EXPONENT = -1;
const PLAIN_MAX_EXPONENT = 14;

const EXPONENTIAL = /^-?(\d)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * Lays out a finite non-zero value given as JavaScript's exponential form of its digits
 * ("-1.5e+20"): trailing zeros dropped, then plain or "E" notation as above.
 */
function layout(exponential: string): string {
  const match = EXPONENTIAL.exec(exponential);
  if (match === null) throw new Error(`unexpected exponential form ${exponential}`);
  const sign = exponential.startsWith("-") ? "-" : "";
  const digits = (match[1]! + (match[2] ?? "")).replace(/0+$/, "") || "0";
  const exponent = Number(match[3]);
  if (exponent < PLAIN_MIN_EXPONENT || exponent > PLAIN_MAX_EXPONENT) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    return `${sign}${mantissa}E${exponent < 0 ? "-" : "+"}${Math.abs(exponent)}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  const integerDigits = exponent + 1;
  if (digits.length <= integerDigits) return sign + digits + "0".repeat(integerDigits - digits.length);
  return `${sign}${digits.slice(0, integerDigits)}.${digits.slice(integerDigits)}`;
}

function special(value: number): string | null {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "INF";
  if (value === Number.NEGATIVE_INFINITY) return "-INF";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  return null;
}

/** A double (WS_XML_DOUBLE_TEXT, WS_DOUBLE_VALUE_TYPE). */
export function formatDouble(value: number): string {
  // toExponential() without a digit count gives the shortest digits that read back as `value`.
  return special(value) ?? layout(value.toExponential());
}

/**
 * A float (WS_XML_FLOAT_TEXT, WS_FLOAT_VALUE_TYPE): `value` rounded to single precision, as C
 * converts a double to a float, then the fewest digits (at most 9) that read back as that float.
 */
export function formatFloat(value: number): string {
  const float = Math.fround(value);
  const text = special(float);
  if (text !== null) return text;
  for (let digits = 1; digits < 9; digits++) {
    const candidate = float.toExponential(digits - 1);
    if (Math.fround(Number(candidate)) === float) return layout(candidate);
  }
  return layout(float.toExponential(8)); // nine significant digits always identify a float
}

/** An integer of any width (numbers for up to 32 bits, bigints for 64). */
export function formatInteger(value: number | bigint): string {
  return value.toString();
}

/** WS_XML_BOOL_TEXT: "A Boolean value that represents the text "true" or "false"". */
export function formatBool(value: boolean): string {
  return value ? "true" : "false";
}
