import {
  E_FAIL,
  type HRESULT,
  type Ref,
  S_OK,
  type WS_ASYNC_CONTEXT,
  type WS_ERROR,
  WS_NON_RPC_LITERAL_OPERATION,
  type WS_OPERATION_CONTEXT,
  type WS_OPERATION_DESCRIPTION,
  WS_PARAMETER_TYPE_NORMAL,
  type WS_SERVICE_CONTRACT,
  WsAddErrorString,
} from "@wwsapi/core";
import { contract, type Handlers } from "@wwsapi/service-model";
import { typed } from "@wwsapi/xml";
import {
  ADD_REPLY,
  ADD_REQUEST,
  ADD_TEXT_REQUEST,
  Add,
  AddResponse,
  AddText,
  ECHO_BYTES_REPLY,
  ECHO_BYTES_REQUEST,
  ECHO_REPLY,
  ECHO_REQUEST,
  Echo,
  EchoBytes,
  EchoBytesResponse,
  EchoResponse,
} from "../channels/contract.js";
import { actionOf, TEMPURI } from "../soap/calc.js";

/**
 * The Calculator for the service model, in both forms the package takes:
 * - WS_OPERATION_DESCRIPTIONs as WsUtil generates them (one WS_PARAMETER_DESCRIPTION per argument,
 *   a stub that spreads the frame into the method-table function), for WsCallAsync and
 *   WsCreateServiceHost;
 * - the typed contract (`contract()` over the same @wwsapi/xml structs as channels/contract.ts), for
 *   `createClient` and `ServiceHost`.
 * Add, Echo and EchoBytes are the peers' ICalculator. Divide (action …/ICalculator/Divide) is ours
 * only, as in examples/calculator-demo: no peer has it, so calling a peer with it provokes the
 * peer's fault for an unknown action. AddText is Add with `<a>two</a>`: the schema-validating peers
 * fault it.
 */

const { struct, element, int32 } = typed;

export const Divide = struct("Divide", TEMPURI, { a: element(int32, "a"), b: element(int32, "b") });
export const DivideResponse = struct("DivideResponse", TEMPURI, { DivideResult: element(int32, "DivideResult") });

/** The reason of the fault our host sends for Divide(x, 0): the handler's throw, with WS_FULL_FAULT_DISCLOSURE. */
export const DIVISION_BY_ZERO = "division by zero";

/** WsUtil's "no message index". */
const NONE = 0xffff;

type Stub = WS_OPERATION_DESCRIPTION["stubCallback"];

/** As WsUtil's generated stubs: the method-table function gets the context, the frame's entries, the async context and the error. */
const spreadingStub: Stub = (context, frame, callback, asyncContext, error) =>
  (callback as (...args: unknown[]) => HRESULT)(context, ...(frame as unknown[]), asyncContext, error);

function operation(
  request: WS_OPERATION_DESCRIPTION["inputMessageDescription"],
  reply: WS_OPERATION_DESCRIPTION["outputMessageDescription"],
  inputs: number,
  outputs: number,
): WS_OPERATION_DESCRIPTION {
  return {
    versionInfo: 1,
    inputMessageDescription: request,
    outputMessageDescription: reply,
    inputMessageOptions: 0,
    outputMessageOptions: 0,
    parameterDescription: [
      ...Array.from({ length: inputs }, (_, i) => ({
        parameterType: WS_PARAMETER_TYPE_NORMAL,
        inputMessageIndex: i,
        outputMessageIndex: NONE,
      })),
      ...Array.from({ length: outputs }, (_, i) => ({
        parameterType: WS_PARAMETER_TYPE_NORMAL,
        inputMessageIndex: NONE,
        outputMessageIndex: i,
      })),
    ] as WS_OPERATION_DESCRIPTION["parameterDescription"],
    stubCallback: spreadingStub,
    style: WS_NON_RPC_LITERAL_OPERATION,
  };
}

const utf8 = new TextEncoder();
const message = (op: string, body: { readonly element: unknown }) => ({
  action: { bytes: utf8.encode(actionOf(op)), dictionary: null, id: 0 },
  bodyElementDescription: body.element as never,
});

/** Add(a, b, &AddResult). */
export const ADD_OPERATION = operation(ADD_REQUEST, ADD_REPLY, 2, 1);
/** Echo(text, &EchoResult). */
export const ECHO_OPERATION = operation(ECHO_REQUEST, ECHO_REPLY, 1, 1);
/** EchoBytes(data, &EchoBytesResult). */
export const ECHO_BYTES_OPERATION = operation(ECHO_BYTES_REQUEST, ECHO_BYTES_REPLY, 1, 1);
/** Divide(a, b, &DivideResult): ours only. */
export const DIVIDE_OPERATION = operation(message("Divide", Divide), message("DivideResponse", DivideResponse), 2, 1);
/** Add with a string for `a` (`<a>two</a>`), the contract's Add action and reply. */
export const ADD_TEXT_OPERATION = operation(ADD_TEXT_REQUEST, ADD_REPLY, 2, 1);

/** The same operation with a reply description that has no action: WsCall then does not check the reply's. */
export const anyReplyAction = (op: WS_OPERATION_DESCRIPTION): WS_OPERATION_DESCRIPTION => ({
  ...op,
  outputMessageDescription: { ...op.outputMessageDescription!, action: null },
});

/** The typed contract: ICalculator in http://tempuri.org/, actions http://tempuri.org/ICalculator/OPERATION. */
export const Calculator = contract("ICalculator", TEMPURI, {
  Add: { input: Add, output: AddResponse },
  Echo: { input: Echo, output: EchoResponse },
  EchoBytes: { input: EchoBytes, output: EchoBytesResponse },
  Divide: { input: Divide, output: DivideResponse },
});

/** Add with `<a>two</a>` as a typed contract of its own (same action as Add). */
export const WrongInput = contract("ICalculator", TEMPURI, {
  Add: { input: AddText, output: AddResponse },
});

/** What our host served, for the tests to count. */
export interface ServedLog {
  /** "Add(2,3)", "Echo", "EchoBytes(2048)", "Divide(7,0)" in the order the handlers ran. */
  readonly calls: string[];
}

/** The typed handlers: Divide throws on a zero divisor (the host answers with a fault). */
export function calculatorHandlers(log: ServedLog): Handlers<typeof Calculator.specs> {
  return {
    Add({ a, b }) {
      log.calls.push(`Add(${a},${b})`);
      return { AddResult: (a + b) | 0 };
    },
    Echo({ text }) {
      log.calls.push("Echo");
      return { EchoResult: text };
    },
    EchoBytes({ data }) {
      log.calls.push(`EchoBytes(${data.length})`);
      return { EchoBytesResult: data };
    },
    Divide({ a, b }) {
      log.calls.push(`Divide(${a},${b})`);
      if (b === 0) throw new Error(DIVISION_BY_ZERO);
      return { DivideResult: Math.trunc(a / b) };
    },
  };
}

type Ctx = WS_OPERATION_CONTEXT;
type Async = WS_ASYNC_CONTEXT | null;

/**
 * The flat method table (WsUtil's shape: context, inputs, output Refs, async context, error), same
 * behaviour as calculatorHandlers; Divide by zero fails with E_FAIL and its reason on the WS_ERROR,
 * as a C service reports a failure.
 */
export function calculatorMethodTable(log: ServedLog) {
  return {
    Add: (_c: Ctx, a: number, b: number, result: Ref<number>, _a: Async, _e: WS_ERROR | null): HRESULT => {
      log.calls.push(`Add(${a},${b})`);
      result.value = (a + b) | 0;
      return S_OK;
    },
    Echo: (_c: Ctx, text: string, result: Ref<string>, _a: Async, _e: WS_ERROR | null): HRESULT => {
      log.calls.push("Echo");
      result.value = text;
      return S_OK;
    },
    EchoBytes: (_c: Ctx, data: Uint8Array, result: Ref<Uint8Array>, _a: Async, _e: WS_ERROR | null): HRESULT => {
      log.calls.push(`EchoBytes(${data.length})`);
      result.value = data;
      return S_OK;
    },
    Divide: (_c: Ctx, a: number, b: number, result: Ref<number>, _a: Async, error: WS_ERROR | null): HRESULT => {
      log.calls.push(`Divide(${a},${b})`);
      if (b === 0) {
        if (error !== null) WsAddErrorString(error, DIVISION_BY_ZERO);
        return E_FAIL;
      }
      result.value = Math.trunc(a / b);
      return S_OK;
    },
  };
}

export function calculatorServiceContract(log: ServedLog): WS_SERVICE_CONTRACT {
  return {
    contractDescription: { operations: [ADD_OPERATION, ECHO_OPERATION, ECHO_BYTES_OPERATION, DIVIDE_OPERATION] },
    defaultMessageHandlerCallback: null,
    methodTable: calculatorMethodTable(log),
  };
}
