import { E_INVALIDARG, type Ref, ref, WS_PARAMETER_TYPE_ARRAY, WS_PARAMETER_TYPE_ARRAY_COUNT } from "@wwsapi/core";
import { describeValue, WsError } from "@wwsapi/core/internal";
import type { OperationPlan, ParameterPlan, Slot } from "./body-layout.js";

/**
 * Parameters ↔ body values, for WsCall (the proxy) and the service host (the stub's frame). The
 * array of arguments is C's `void* arguments[]`, one entry per WS_PARAMETER_DESCRIPTION in order:
 * - an input-only WS_PARAMETER_TYPE_NORMAL parameter is its value;
 * - a parameter that appears in the reply (output or in-out) is a `Ref<T>`; an in-out one is sent
 *   from `.value` and gets the reply's value back;
 * - WS_PARAMETER_TYPE_ARRAY is a `readonly T[]` (input) or a `Ref<readonly T[]>` (output);
 * - WS_PARAMETER_TYPE_ARRAY_COUNT is a number (input: it must equal the length of the array that
 *   shares its field, else E_INVALIDARG) or a `Ref<number>` (output: set to the array's length).
 */

const isRef = (value: unknown): value is Ref<unknown> => typeof value === "object" && value !== null && "value" in value;

function refArgument(fn: string, p: ParameterPlan, value: unknown): Ref<unknown> {
  if (!isRef(value)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: argument ${p.index} is an output parameter and must be a Ref (ref(initial)), not ${describeValue(value)}.`,
    );
  }
  return value;
}

/** The argument's value as the caller gives it (the Ref's `.value` for an in-out parameter). */
function inputValue(fn: string, p: ParameterPlan, argument: unknown): unknown {
  return p.output !== null ? refArgument(fn, p, argument).value : argument;
}

/** The array parameter that shares `slot` with a count parameter. */
function arrayFor(plan: OperationPlan, count: ParameterPlan, side: "input" | "output"): ParameterPlan | undefined {
  const slot = count[side];
  return plan.parameters.find(
    (q) => q.parameterType === WS_PARAMETER_TYPE_ARRAY && q[side] !== null && q[side]!.property === slot!.property,
  );
}

function put(body: Record<string, unknown> | null, slot: Slot, value: unknown): unknown {
  if (slot.property === null) return value;
  body![slot.property] = value;
  return body;
}

/** The request body value: the struct of the input parameters (or the single value). */
export function requestBody(fn: string, plan: OperationPlan, argumentValues: readonly unknown[] | null): unknown {
  const args = argumentValues ?? [];
  if (args.length !== plan.parameters.length) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: argumentValues has ${args.length} entries; the operation describes ${plan.parameters.length} parameters (one argument each, in order).`,
    );
  }
  const isStruct = plan.parameters.some((p) => p.input !== null && p.input.property !== null);
  let body: unknown = isStruct ? {} : null;
  for (const p of plan.parameters) {
    const argument = args[p.index];
    if (p.output !== null) refArgument(fn, p, argument);
    if (p.input === null) continue;
    const value = inputValue(fn, p, argument);
    if (p.parameterType === WS_PARAMETER_TYPE_ARRAY_COUNT) {
      const array = arrayFor(plan, p, "input");
      const items = array === undefined ? null : inputValue(fn, array, args[array.index]);
      const length = Array.isArray(items) || ArrayBuffer.isView(items) ? (items as ArrayLike<unknown>).length : 0;
      if (value !== length) {
        throw new WsError(
          E_INVALIDARG,
          `${fn}: argument ${p.index} (an array count) is ${typeof value === "number" ? value : describeValue(value)}, but the array it counts has ${length} items.`,
        );
      }
      continue;
    }
    if (p.parameterType === WS_PARAMETER_TYPE_ARRAY && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
      throw new WsError(E_INVALIDARG, `${fn}: argument ${p.index} must be an array, not ${describeValue(value)}.`);
    }
    body = put(body as Record<string, unknown> | null, p.input, p.parameterType === WS_PARAMETER_TYPE_ARRAY ? (value ?? []) : value);
  }
  return body;
}

function take(body: unknown, slot: Slot): unknown {
  if (slot.property === null) return body;
  return body === null || body === undefined ? undefined : (body as Record<string, unknown>)[slot.property];
}

const lengthOf = (items: unknown): number => (Array.isArray(items) || ArrayBuffer.isView(items) ? (items as ArrayLike<unknown>).length : 0);

/** Writes the reply body's values into the output arguments' Refs. */
export function applyReply(fn: string, plan: OperationPlan, argumentValues: readonly unknown[] | null, replyBody: unknown): void {
  const args = argumentValues ?? [];
  for (const p of plan.parameters) {
    if (p.output === null) continue;
    const target = refArgument(fn, p, args[p.index]);
    const value = take(replyBody, p.output);
    if (p.parameterType === WS_PARAMETER_TYPE_ARRAY_COUNT) target.value = lengthOf(value);
    else if (p.parameterType === WS_PARAMETER_TYPE_ARRAY) target.value = value ?? [];
    else target.value = value ?? null;
  }
}

/**
 * The host's frame for a request body: the same array WsCall takes, with Refs for the outputs (in-out
 * ones holding the request's value, output-only ones null, or 0 for a count) for the stub to fill.
 */
export function frameFromRequest(plan: OperationPlan, requestBody: unknown): unknown[] {
  return plan.parameters.map((p) => {
    let value: unknown = null;
    if (p.input !== null) {
      value = take(requestBody, p.input);
      if (p.parameterType === WS_PARAMETER_TYPE_ARRAY) value = value ?? [];
      else if (p.parameterType === WS_PARAMETER_TYPE_ARRAY_COUNT) value = lengthOf(take(requestBody, p.input));
      else value = value ?? null;
    } else if (p.parameterType === WS_PARAMETER_TYPE_ARRAY_COUNT) value = 0;
    else if (p.parameterType === WS_PARAMETER_TYPE_ARRAY) value = p.output !== null ? [] : null;
    return p.output !== null ? ref(value) : value;
  });
}

/** The reply body value from the frame the stub filled. The arrays' lengths are their counts. */
export function replyFromFrame(fn: string, plan: OperationPlan, frame: readonly unknown[]): unknown {
  const isStruct = plan.parameters.some((p) => p.output !== null && p.output.property !== null);
  let body: unknown = isStruct ? {} : null;
  for (const p of plan.parameters) {
    if (p.output === null || p.parameterType === WS_PARAMETER_TYPE_ARRAY_COUNT) continue;
    const value = refArgument(fn, p, frame[p.index]).value;
    body = put(body as Record<string, unknown> | null, p.output, p.parameterType === WS_PARAMETER_TYPE_ARRAY ? (value ?? []) : value);
  }
  return body;
}
