import {
  E_INVALIDARG,
  type HRESULT,
  type Ref,
  type WS_FIELD_DESCRIPTION,
  WS_FIELD_NILLABLE,
  WS_FIELD_OPTIONAL,
  WS_NON_RPC_LITERAL_OPERATION,
  type WS_OPERATION_DESCRIPTION,
  WS_PARAMETER_TYPE_NORMAL,
  type WS_SERVICE_STUB_CALLBACK,
  type WS_STRUCT_DESCRIPTION,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import type { typed } from "@wwsapi/xml";
import { xmlText } from "../call/xml-text.js";

/**
 * A typed contract: its operations described once from @wwsapi/xml's typed structs, giving the
 * WS_OPERATION_DESCRIPTIONs that WsCall and the service host use (as WsUtil would generate them:
 * one parameter per field of the request struct, then one per field of the reply struct) and the
 * TypeScript types of the client's calls and the host's handlers.
 */

/** A struct made with `typed.struct`: its element, and its fields for the parameters. */
// biome-ignore lint/suspicious/noExplicitAny: any struct value; each operation keeps its own type by inference.
export type AnyStruct = typed.StructType<any>;

export interface OperationSpec {
  /** The request's body element. */
  readonly input: AnyStruct;
  /** The reply's body element; none for a one-way operation. */
  readonly output?: AnyStruct | null;
  /** The request's action; by default `<ns><contract>/<operation>` (WCF's convention). */
  readonly action?: string;
  /** The reply's action; by default the request's followed by `Response`. */
  readonly replyAction?: string;
}

export type OperationSpecs = { readonly [name: string]: OperationSpec };

/** The value of a struct type. */
export type StructValueOf<S> = S extends typed.StructType<infer T> ? T : never;

/** What an operation's call resolves to: the reply struct's value, or nothing for a one-way operation. */
export type ReplyOf<O extends OperationSpec> = O["output"] extends AnyStruct ? StructValueOf<O["output"]> : undefined;

export type RequestOf<O extends OperationSpec> = StructValueOf<O["input"]>;

/** One operation of a contract: its spec and description, and how its values map to WsCall's arguments. */
export interface ContractOperation {
  readonly name: string;
  readonly spec: OperationSpec;
  readonly description: WS_OPERATION_DESCRIPTION;
  readonly inputFields: readonly WS_FIELD_DESCRIPTION[];
  readonly outputFields: readonly WS_FIELD_DESCRIPTION[];
}

export interface Contract<Ops extends OperationSpecs> {
  readonly name: string;
  readonly namespace: string;
  readonly specs: Ops;
  readonly operations: readonly ContractOperation[];
  readonly byName: ReadonlyMap<string, ContractOperation>;
}

const NONE = 0xffff;

const fieldsOf = (struct: AnyStruct | null | undefined): readonly WS_FIELD_DESCRIPTION[] =>
  struct == null ? [] : ((struct.typeDescription as WS_STRUCT_DESCRIPTION).fields ?? []);

/**
 * The stub of every typed operation: the frame's entries go to the method-table function (the
 * host's handler adapter) as they are, with the context, the async context and the error.
 */
const typedStub: WS_SERVICE_STUB_CALLBACK = (context, frame, callback, asyncContext, error) =>
  (callback as (context: unknown, frame: readonly unknown[], asyncContext: unknown, error: unknown) => HRESULT)(
    context,
    frame as readonly unknown[],
    asyncContext,
    error,
  );

function describe(contractName: string, namespace: string, name: string, spec: OperationSpec): ContractOperation {
  const inputFields = fieldsOf(spec.input);
  const outputFields = fieldsOf(spec.output);
  const base = namespace.endsWith("/") ? namespace : `${namespace}/`;
  const action = spec.action ?? `${base}${contractName}/${name}`;
  const description: WS_OPERATION_DESCRIPTION = {
    versionInfo: 1,
    inputMessageDescription: { action: xmlText(action), bodyElementDescription: spec.input.element },
    outputMessageDescription:
      spec.output == null
        ? null
        : { action: xmlText(spec.replyAction ?? `${action}Response`), bodyElementDescription: spec.output.element },
    inputMessageOptions: 0,
    outputMessageOptions: 0,
    parameterDescription: [
      ...inputFields.map((_, i) => ({ parameterType: WS_PARAMETER_TYPE_NORMAL, inputMessageIndex: i, outputMessageIndex: NONE })),
      ...outputFields.map((_, i) => ({ parameterType: WS_PARAMETER_TYPE_NORMAL, inputMessageIndex: NONE, outputMessageIndex: i })),
    ] as WS_OPERATION_DESCRIPTION["parameterDescription"],
    stubCallback: typedStub,
    style: WS_NON_RPC_LITERAL_OPERATION,
  };
  return { name, spec, description, inputFields, outputFields };
}

/**
 * Describes a contract: `contract("ICalculator", "http://tempuri.org/", { Add: { input: Add, output:
 * AddResponse }, Notify: { input: Notify } })`.
 */
export function contract<const Ops extends OperationSpecs>(name: string, namespace: string, operations: Ops): Contract<Ops> {
  const list = Object.entries(operations).map(([operation, spec]) => {
    if (spec?.input?.element === undefined)
      throw new WsError(E_INVALIDARG, `contract: ${name}.${operation} needs an input struct (typed.struct).`);
    return describe(name, namespace, operation, spec);
  });
  return Object.freeze({ name, namespace, specs: operations, operations: list, byName: new Map(list.map((op) => [op.name, op])) });
}

/** WsCall's arguments for a request value: the request fields' values, then a Ref per reply field. */
export function callArguments(
  operation: ContractOperation,
  request: Record<string, unknown>,
): { args: unknown[]; outputs: Ref<unknown>[] } {
  const outputs = operation.outputFields.map(() => ({ value: null as unknown }));
  const args = [...operation.inputFields.map((field) => request?.[field.offset] ?? null), ...outputs];
  return { args, outputs };
}

/** An optional field that is not nillable has no null: absent is a missing property, as the typed layer reads it. */
const dropsNull = (field: WS_FIELD_DESCRIPTION) => (field.options & WS_FIELD_OPTIONAL) !== 0 && (field.options & WS_FIELD_NILLABLE) === 0;

/** A struct value from fields' values, in the typed layer's form (absent optional fields left out). */
export function structValue(fields: readonly WS_FIELD_DESCRIPTION[], values: readonly unknown[]): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  fields.forEach((field, i) => {
    const item = values[i];
    if ((item === null || item === undefined) && dropsNull(field)) return;
    value[field.offset] = item ?? null;
  });
  return value;
}
