import type { SpecParam } from "../spec/types.js";

/** The expression that accepts a valid argument, and how the expectation reads in a message. */
export interface ArgCheck {
  test: string;
  expected: string;
  /** Runtime helpers and enum value sets the test uses. */
  uses: string[];
}

function base(check: string, p: string): ArgCheck | null {
  if (check.startsWith("handle:")) {
    const type = check.slice("handle:".length);
    return { test: `isHandle(${p}, "${type}")`, expected: `a live ${type}`, uses: ["isHandle"] };
  }
  if (check.startsWith("enum:")) {
    const type = check.slice("enum:".length);
    return { test: `isEnumValue(${p}, ${type}_VALUES)`, expected: `a ${type} value`, uses: ["isEnumValue", `${type}_VALUES`] };
  }
  switch (check) {
    case "any":
      return null;
    case "uint32":
      return { test: `isUint32(${p})`, expected: "an integer from 0 to 4294967295", uses: ["isUint32"] };
    case "uint16":
      return { test: `isUint16(${p})`, expected: "an integer from 0 to 65535", uses: ["isUint16"] };
    case "uint8":
      return { test: `isUint8(${p})`, expected: "an integer from 0 to 255", uses: ["isUint8"] };
    case "int32":
      return { test: `isInt32(${p})`, expected: "a 32-bit signed integer", uses: ["isInt32"] };
    case "size":
      return { test: `isSize(${p})`, expected: "a byte count (a non-negative safe integer)", uses: ["isSize"] };
    case "boolean":
      return { test: `typeof ${p} === "boolean"`, expected: "a boolean", uses: [] };
    case "bigint":
      return { test: `typeof ${p} === "bigint"`, expected: "a bigint", uses: [] };
    case "function":
      return { test: `typeof ${p} === "function"`, expected: "a function", uses: [] };
    case "string":
      return { test: `typeof ${p} === "string"`, expected: "a string", uses: [] };
    case "ref":
      return { test: `isObject(${p})`, expected: "a Ref (an object whose value the function sets)", uses: ["isObject"] };
    case "object":
      return { test: `isObject(${p})`, expected: "an object", uses: ["isObject"] };
    case "array":
      return { test: `Array.isArray(${p})`, expected: "an array", uses: [] };
    case "arrayOrView":
      return { test: `Array.isArray(${p}) || ArrayBuffer.isView(${p})`, expected: "an array or typed array", uses: [] };
    case "uint8array":
      return { test: `${p} instanceof Uint8Array`, expected: "a Uint8Array", uses: [] };
    case "uint16array":
      return { test: `${p} instanceof Uint16Array`, expected: "a Uint16Array", uses: [] };
    case "asyncContext":
      return { test: `isAsyncContext(${p})`, expected: "a WS_ASYNC_CONTEXT (with a callback function) or null", uses: ["isAsyncContext"] };
  }
  throw new Error(`unknown argument check ${check}`);
}

/** The check for one parameter of the flat API, or null when any value is accepted. */
export function argCheck(param: SpecParam): ArgCheck | null {
  const check = base(param.check ?? "any", param.name);
  if (check === null || param.check === "asyncContext") return check;
  const nullable = param.ts?.endsWith("| null") === true;
  if (!nullable) return check;
  return { test: `${param.name} === null || ${check.test}`, expected: `${check.expected} or null`, uses: check.uses };
}
