import { E_INVALIDARG } from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";

/**
 * Checks of the JavaScript values that stand for C values (spec/README.md: BOOL → boolean,
 * 8 to 32-bit integers and floating point → number, 64-bit integers → bigint, GUID → 16 bytes).
 * A value of the wrong type or outside the C type's range cannot come from C: E_INVALIDARG,
 * naming the function and the value.
 */

export function invalidArgument(fn: string, what: string, expected: string, value: unknown): WsError {
  return new WsError(E_INVALIDARG, `${fn}: ${what} must be ${expected}, not ${describeValue(value)}.`);
}

/** A BOOL: a boolean, or (as C's BOOL is an int) a 32-bit integer, any non-zero one being TRUE. */
export function checkBool(fn: string, what: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number" && (value | 0) === value) return value !== 0;
  throw invalidArgument(fn, what, "a boolean", value);
}

/** An integer of 8, 16 or 32 bits, as a number. */
export function checkInteger(fn: string, what: string, value: unknown, bits: 8 | 16 | 32, signed: boolean): number {
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) return value;
  throw invalidArgument(fn, what, `an integer from ${min} to ${max}`, value);
}

/** A 64-bit integer, as a bigint. */
export function checkInteger64(fn: string, what: string, value: unknown, signed: boolean): bigint {
  if (typeof value === "bigint" && (signed ? BigInt.asIntN(64, value) : BigInt.asUintN(64, value)) === value) return value;
  throw invalidArgument(fn, what, `a bigint in the ${signed ? "signed" : "unsigned"} 64-bit range`, value);
}

/** A float or a double. */
export function checkNumber(fn: string, what: string, value: unknown): number {
  if (typeof value === "number") return value;
  throw invalidArgument(fn, what, "a number", value);
}

export function checkBytes(fn: string, what: string, value: unknown): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw invalidArgument(fn, what, "a Uint8Array", value);
}

/** A GUID: its 16 bytes in Windows memory order. */
export function checkGuid(fn: string, what: string, value: unknown): Uint8Array {
  if (value instanceof Uint8Array && value.length === 16) return value;
  throw invalidArgument(fn, what, "a GUID (a Uint8Array of 16 bytes)", value);
}

/** A struct argument (an object). */
export function checkObject(fn: string, what: string, value: unknown, expected: string): Record<string, unknown> {
  if (typeof value === "object" && value !== null) return value as Record<string, unknown>;
  throw invalidArgument(fn, what, expected, value);
}
