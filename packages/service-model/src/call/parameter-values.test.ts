import {
  E_INVALIDARG,
  E_NOTIMPL,
  ref,
  WS_NON_RPC_LITERAL_OPERATION,
  type WS_OPERATION_DESCRIPTION,
  WS_PARAMETER_TYPE_ARRAY,
  WS_PARAMETER_TYPE_ARRAY_COUNT,
  WS_PARAMETER_TYPE_MESSAGES,
  WS_PARAMETER_TYPE_NORMAL,
  WS_RPC_LITERAL_OPERATION,
} from "@wwsapi/core";
import { typed } from "@wwsapi/xml";
import { describe, expect, it } from "vitest";
import { planOperation } from "./body-layout.js";
import { applyReply, frameFromRequest, replyFromFrame, requestBody } from "./parameter-values.js";

const { struct, element, array, int32, string } = typed;
const NS = "urn:test";
const NONE = 0xffff;

/** Sum(int[] values, ref string label) -> (int total, int[] echoed): an array with its count, an in-out value, output arrays. */
const Sum = struct("Sum", NS, { values: array(int32, "int", { wrapper: "values" }), label: element(string, "label") });
const SumResponse = struct("SumResponse", NS, {
  total: element(int32, "total"),
  echoed: array(int32, "int", { wrapper: "echoed" }),
  label: element(string, "label"),
});

const operation = (parameters: [number, number, number][], style = WS_NON_RPC_LITERAL_OPERATION): WS_OPERATION_DESCRIPTION => ({
  versionInfo: 1,
  inputMessageDescription: { action: null, bodyElementDescription: Sum.element },
  outputMessageDescription: { action: null, bodyElementDescription: SumResponse.element },
  inputMessageOptions: 0,
  outputMessageOptions: 0,
  parameterDescription: parameters.map(([parameterType, inputMessageIndex, outputMessageIndex]) => ({
    parameterType,
    inputMessageIndex,
    outputMessageIndex,
  })) as never,
  stubCallback: null,
  style: style as never,
});

// values (array) + its count, label in-out, total out, echoed (array) + its count out.
const SUM = operation([
  [WS_PARAMETER_TYPE_ARRAY, 0, NONE],
  [WS_PARAMETER_TYPE_ARRAY_COUNT, 0, NONE],
  [WS_PARAMETER_TYPE_NORMAL, 1, 2],
  [WS_PARAMETER_TYPE_NORMAL, NONE, 0],
  [WS_PARAMETER_TYPE_ARRAY, NONE, 1],
  [WS_PARAMETER_TYPE_ARRAY_COUNT, NONE, 1],
]);

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (thrown) {
    return thrown as { hr: number; message: string };
  }
  throw new Error("expected a failure");
};

describe("WsCall's arguments and the body values", () => {
  const plan = planOperation("WsCall", SUM);

  it("builds the request body from input values, arrays and in-out Refs", () => {
    const args = [[1, 2, 3], 3, ref("in"), ref(0), ref<readonly number[]>([]), ref(0)];
    expect(requestBody("WsCall", plan, args)).toEqual({ values: [1, 2, 3], label: "in" });
  });

  it("refuses an array count that is not the array's length, a missing Ref and a wrong argument count", () => {
    expect(failure(() => requestBody("WsCall", plan, [[1, 2, 3], 2, ref("x"), ref(0), ref([]), ref(0)]))).toMatchObject({
      hr: E_INVALIDARG,
      message: "WsCall: argument 1 (an array count) is 2, but the array it counts has 3 items.",
    });
    expect(failure(() => requestBody("WsCall", plan, [[1], 1, "x", ref(0), ref([]), ref(0)])).hr).toBe(E_INVALIDARG);
    expect(failure(() => requestBody("WsCall", plan, [[1], 1])).message).toBe(
      "WsCall: argumentValues has 2 entries; the operation describes 6 parameters (one argument each, in order).",
    );
  });

  it("writes the reply into the output Refs, counts as the arrays' lengths", () => {
    const args = [[1, 2], 2, ref("in"), ref(0), ref<readonly number[]>([]), ref(0)];
    applyReply("WsCall", plan, args, { total: 3, echoed: [1, 2], label: "out" });
    expect(args.slice(2).map((r) => (r as { value: unknown }).value)).toEqual(["out", 3, [1, 2], 2]);
  });

  it("gives the host's stub a frame of the same shape, and makes the reply from it", () => {
    const frame = frameFromRequest(plan, { values: [4, 5], label: "hi" });
    expect(frame[0]).toEqual([4, 5]);
    expect(frame[1]).toBe(2);
    expect(frame.slice(2).map((r) => (r as { value: unknown }).value)).toEqual(["hi", null, [], 0]);
    (frame[3] as { value: number }).value = 9;
    (frame[4] as { value: number[] }).value = [4, 5];
    (frame[2] as { value: string }).value = "bye";
    expect(replyFromFrame("host", plan, frame)).toEqual({ total: 9, echoed: [4, 5], label: "bye" });
  });

  it("refuses RPC style and WS_PARAMETER_TYPE_MESSAGES (not implemented) and field indexes beyond the struct", () => {
    expect(failure(() => planOperation("WsCall", operation([[WS_PARAMETER_TYPE_NORMAL, 0, NONE]], WS_RPC_LITERAL_OPERATION))).hr).toBe(
      E_NOTIMPL,
    );
    expect(failure(() => planOperation("WsCall", operation([[WS_PARAMETER_TYPE_MESSAGES, 0, NONE]]))).hr).toBe(E_NOTIMPL);
    expect(failure(() => planOperation("WsCall", operation([[WS_PARAMETER_TYPE_NORMAL, 2, NONE]]))).message).toBe(
      "WsCall: parameterDescription[0].inputMessageIndex 2 is beyond the body struct's 2 fields.",
    );
  });
});
