import {
  E_INVALIDARG,
  E_NOTIMPL,
  type WS_ELEMENT_DESCRIPTION,
  type WS_FIELD_DESCRIPTION,
  type WS_MESSAGE_DESCRIPTION,
  type WS_OPERATION_DESCRIPTION,
  type WS_PARAMETER_DESCRIPTION,
  WS_PARAMETER_TYPE_ARRAY,
  WS_PARAMETER_TYPE_ARRAY_COUNT,
  WS_PARAMETER_TYPE_MESSAGES,
  WS_PARAMETER_TYPE_NORMAL,
  WS_RPC_LITERAL_OPERATION,
  type WS_STRUCT_DESCRIPTION,
  WS_STRUCT_TYPE,
} from "@wwsapi/core";
import { describeValue, isObject, WsError } from "@wwsapi/core/internal";

/**
 * How an operation's parameters sit in its two body elements (WS_PARAMETER_DESCRIPTION):
 * "inputMessageIndex: A value between 0 and MAX_SHORT - 1 that represents the index of the field in
 * the input WS_MESSAGE. It is MAX_USHORT if it has not present in the input WS_MESSAGE" (and the
 * same for outputMessageIndex). The field is one of the body element's WS_STRUCT_DESCRIPTION
 * fields; its `offset` names the property of the body value (wwsapi-ts's binding of offsets). An
 * array and its count share one field (C's countOffset), whose property holds the array.
 *
 * A body element whose type is not a struct is one value: it is the parameter whose index is 0.
 */

/** "It is MAX_USHORT if it has not present". */
export const NOT_IN_MESSAGE = 0xffff;

/** Where one parameter's value goes in a body: a struct field's property, or the whole body value. */
export interface Slot {
  /** The property of the body struct, or null for a body element that is the value itself. */
  readonly property: string | null;
  readonly field: WS_FIELD_DESCRIPTION | null;
}

export interface ParameterPlan {
  readonly index: number;
  readonly parameterType: number;
  /** Its place in the request body, or null when it is not sent. */
  readonly input: Slot | null;
  /** Its place in the reply body, or null when it is not received. */
  readonly output: Slot | null;
}

export interface OperationPlan {
  readonly operation: WS_OPERATION_DESCRIPTION;
  readonly parameters: readonly ParameterPlan[];
  /** One-way: the operation has no output message ("a one way operation"). */
  readonly oneWay: boolean;
}

const plans = new WeakMap<object, OperationPlan>();

/** The plan of an operation, checked once and kept with the description object. */
export function planOperation(fn: string, operation: WS_OPERATION_DESCRIPTION): OperationPlan {
  const cached = plans.get(operation);
  if (cached !== undefined) return cached;
  const plan = buildPlan(fn, operation);
  plans.set(operation, plan);
  return plan;
}

function bodyOf(message: WS_MESSAGE_DESCRIPTION | null | undefined): WS_ELEMENT_DESCRIPTION | null {
  return message?.bodyElementDescription ?? null;
}

function buildPlan(fn: string, operation: WS_OPERATION_DESCRIPTION): OperationPlan {
  if (operation.style === WS_RPC_LITERAL_OPERATION) {
    throw new WsError(
      E_NOTIMPL,
      `${fn}: WS_RPC_LITERAL_OPERATION is not implemented yet; only WS_NON_RPC_LITERAL_OPERATION (document/literal) is.`,
    );
  }
  if (!isObject(operation.inputMessageDescription)) {
    throw new WsError(
      E_INVALIDARG,
      `${fn}: the operation's inputMessageDescription must be a WS_MESSAGE_DESCRIPTION, not ${describeValue(operation.inputMessageDescription)}.`,
    );
  }
  const parameters = operation.parameterDescription ?? [];
  if (!Array.isArray(parameters)) throw new WsError(E_INVALIDARG, `${fn}: the operation's parameterDescription must be an array.`);
  const inputBody = bodyOf(operation.inputMessageDescription);
  const outputBody = bodyOf(operation.outputMessageDescription);
  const plan = parameters.map((parameter: WS_PARAMETER_DESCRIPTION, index) => {
    if (!isObject(parameter)) throw new WsError(E_INVALIDARG, `${fn}: parameterDescription[${index}] must be a WS_PARAMETER_DESCRIPTION.`);
    const type = parameter.parameterType;
    if (type === WS_PARAMETER_TYPE_MESSAGES) {
      throw new WsError(E_NOTIMPL, `${fn}: parameterDescription[${index}] is WS_PARAMETER_TYPE_MESSAGES, which is not implemented yet.`);
    }
    if (type !== WS_PARAMETER_TYPE_NORMAL && type !== WS_PARAMETER_TYPE_ARRAY && type !== WS_PARAMETER_TYPE_ARRAY_COUNT) {
      throw new WsError(
        E_INVALIDARG,
        `${fn}: parameterDescription[${index}].parameterType ${describeValue(type)} is not a WS_PARAMETER_TYPE.`,
      );
    }
    return {
      index,
      parameterType: type,
      input: slotOf(fn, index, "inputMessageIndex", parameter.inputMessageIndex, inputBody),
      output: slotOf(fn, index, "outputMessageIndex", parameter.outputMessageIndex, outputBody),
    };
  });
  return { operation, parameters: plan, oneWay: operation.outputMessageDescription == null };
}

function slotOf(fn: string, index: number, name: string, fieldIndex: number, body: WS_ELEMENT_DESCRIPTION | null): Slot | null {
  if (fieldIndex === NOT_IN_MESSAGE || fieldIndex === undefined) return null;
  const where = `${fn}: parameterDescription[${index}].${name} ${fieldIndex}`;
  if (body === null) throw new WsError(E_INVALIDARG, `${where} refers to a message without a body element.`);
  if (body.type !== WS_STRUCT_TYPE) {
    if (fieldIndex !== 0)
      throw new WsError(E_INVALIDARG, `${where}: the body element is not a struct, so the only index is 0 (the whole value).`);
    return { property: null, field: null };
  }
  const fields = (body.typeDescription as WS_STRUCT_DESCRIPTION | null)?.fields ?? [];
  const field = fields[fieldIndex];
  if (field === undefined) throw new WsError(E_INVALIDARG, `${where} is beyond the body struct's ${fields.length} fields.`);
  if (typeof field.offset !== "string") throw new WsError(E_INVALIDARG, `${where}: the field's offset must name a property.`);
  return { property: field.offset, field };
}

/** A parameter the callee writes: it appears in the reply. */
export const isOutput = (p: ParameterPlan): boolean => p.output !== null;
/** A parameter the caller gives only: it appears in the request alone. */
export const isInputOnly = (p: ParameterPlan): boolean => p.input !== null && p.output === null;
