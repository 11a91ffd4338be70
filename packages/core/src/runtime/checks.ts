/** Argument checks used by the generated flat API; each is small enough for V8 to inline. */

export function isUint32(v: unknown): boolean {
  return typeof v === "number" && v >>> 0 === v;
}

export function isUint16(v: unknown): boolean {
  return typeof v === "number" && (v & 0xffff) === v;
}

export function isUint8(v: unknown): boolean {
  return typeof v === "number" && (v & 0xff) === v;
}

export function isInt32(v: unknown): boolean {
  return typeof v === "number" && (v | 0) === v;
}

/** SIZE_T: any byte count a JS number can hold exactly. */
export function isSize(v: unknown): boolean {
  return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}

export function isObject(v: unknown): boolean {
  return typeof v === "object" && v !== null;
}

export function isEnumValue(v: unknown, members: ReadonlySet<number>): boolean {
  return typeof v === "number" && members.has(v);
}

export function isAsyncContext(v: unknown): boolean {
  return v === null || (typeof v === "object" && typeof (v as { callback?: unknown }).callback === "function");
}

/** How a rejected argument is shown in a message: its type, and its value when short. */
export function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (typeof v === "object") {
    const handleType = (v as { handleType?: unknown }).handleType;
    if (typeof handleType === "string") return (v as { freed?: boolean }).freed ? `a freed ${handleType}` : `a ${handleType}`;
    return Array.isArray(v) ? "an array" : `an object (${v.constructor?.name ?? "no prototype"})`;
  }
  if (typeof v === "string") return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  return `${typeof v} ${String(v)}`;
}
