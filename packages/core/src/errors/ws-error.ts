/**
 * The exception that hand-written implementations throw to fail an operation. The generated flat
 * API catches it, returns `hr` and appends `strings` to the caller's WS_ERROR; the idiomatic API
 * lets it propagate.
 *
 * Recognised by a registry-wide symbol rather than `instanceof` alone, so that two copies of
 * `@wwsapi/core` in one process (a duplicated dependency) still recognise each other's errors.
 */
const WS_ERROR_BRAND: unique symbol = Symbol.for("@wwsapi/core.WsError") as never;

export class WsError extends Error {
  /** The HRESULT, as a signed 32-bit number (negative means failure, as FAILED() in C). */
  readonly hr: number;
  /** The HRESULT's name, such as `WS_E_INVALID_FORMAT`, or its hex value when it has none. */
  readonly code: string;
  /** The error strings, most specific first (the order WsGetErrorString returns them in). */
  readonly strings: readonly string[];
  readonly [WS_ERROR_BRAND] = true;

  constructor(hr: number, ...strings: string[]) {
    super(strings[0] ?? hresultName(hr));
    this.name = "WsError";
    this.hr = hr | 0;
    this.code = hresultName(this.hr);
    this.strings = strings;
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as { [WS_ERROR_BRAND]?: unknown })[WS_ERROR_BRAND] === true;
  }
}

const names = new Map<number, string>();

/** Called once by the generated HRESULT table so that errors can name their code. */
export function registerHresultNames(table: Readonly<Record<string, number>>): void {
  for (const [name, value] of Object.entries(table)) if (!names.has(value)) names.set(value, name);
}

export function hresultName(hr: number): string {
  return names.get(hr | 0) ?? `0x${(hr >>> 0).toString(16).toUpperCase().padStart(8, "0")}`;
}
