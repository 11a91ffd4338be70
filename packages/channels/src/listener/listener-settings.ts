import {
  E_INVALIDARG,
  WS_CALLBACK_MODEL_VALUES,
  WS_IP_VERSION_AUTO,
  WS_IP_VERSION_VALUES,
  type WS_LISTENER_PROPERTY,
  WS_LISTENER_PROPERTY_ASYNC_CALLBACK_MODEL,
  WS_LISTENER_PROPERTY_CLOSE_TIMEOUT,
  WS_LISTENER_PROPERTY_CONNECT_TIMEOUT,
  WS_LISTENER_PROPERTY_CUSTOM_LISTENER_CALLBACKS,
  WS_LISTENER_PROPERTY_CUSTOM_LISTENER_PARAMETERS,
  WS_LISTENER_PROPERTY_DISALLOWED_USER_AGENT,
  WS_LISTENER_PROPERTY_IP_VERSION,
  WS_LISTENER_PROPERTY_IS_MULTICAST,
  WS_LISTENER_PROPERTY_LISTEN_BACKLOG,
  WS_LISTENER_PROPERTY_MULTICAST_INTERFACES,
  WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK,
  WS_LISTENER_PROPERTY_TO_HEADER_MATCHING_OPTIONS,
  WS_LISTENER_PROPERTY_TRANSPORT_URL_MATCHING_OPTIONS,
  WS_LONG_CALLBACK,
  WS_MATCH_URL_EXACT_PATH,
  WS_MATCH_URL_NO_QUERY,
  WS_MATCH_URL_PORT,
  WS_MATCH_URL_THIS_HOST,
} from "@wwsapi/core";
import { describeValue, isObject, WsError } from "@wwsapi/core/internal";

type Kind = "ulong" | "bool" | { readonly values: ReadonlySet<number> } | "ulongArray" | "object";

const SETTINGS: ReadonlyMap<number, { name: string; kind: Kind }> = new Map<number, { name: string; kind: Kind }>([
  [WS_LISTENER_PROPERTY_LISTEN_BACKLOG, { name: "WS_LISTENER_PROPERTY_LISTEN_BACKLOG", kind: "ulong" }],
  [WS_LISTENER_PROPERTY_IP_VERSION, { name: "WS_LISTENER_PROPERTY_IP_VERSION", kind: { values: WS_IP_VERSION_VALUES } }],
  [
    WS_LISTENER_PROPERTY_ASYNC_CALLBACK_MODEL,
    { name: "WS_LISTENER_PROPERTY_ASYNC_CALLBACK_MODEL", kind: { values: WS_CALLBACK_MODEL_VALUES } },
  ],
  [WS_LISTENER_PROPERTY_CONNECT_TIMEOUT, { name: "WS_LISTENER_PROPERTY_CONNECT_TIMEOUT", kind: "ulong" }],
  [WS_LISTENER_PROPERTY_IS_MULTICAST, { name: "WS_LISTENER_PROPERTY_IS_MULTICAST", kind: "bool" }],
  [WS_LISTENER_PROPERTY_MULTICAST_INTERFACES, { name: "WS_LISTENER_PROPERTY_MULTICAST_INTERFACES", kind: "ulongArray" }],
  [WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK, { name: "WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK", kind: "bool" }],
  [WS_LISTENER_PROPERTY_CLOSE_TIMEOUT, { name: "WS_LISTENER_PROPERTY_CLOSE_TIMEOUT", kind: "ulong" }],
  [WS_LISTENER_PROPERTY_TO_HEADER_MATCHING_OPTIONS, { name: "WS_LISTENER_PROPERTY_TO_HEADER_MATCHING_OPTIONS", kind: "ulong" }],
  [WS_LISTENER_PROPERTY_TRANSPORT_URL_MATCHING_OPTIONS, { name: "WS_LISTENER_PROPERTY_TRANSPORT_URL_MATCHING_OPTIONS", kind: "ulong" }],
  [WS_LISTENER_PROPERTY_CUSTOM_LISTENER_CALLBACKS, { name: "WS_LISTENER_PROPERTY_CUSTOM_LISTENER_CALLBACKS", kind: "object" }],
  [WS_LISTENER_PROPERTY_CUSTOM_LISTENER_PARAMETERS, { name: "WS_LISTENER_PROPERTY_CUSTOM_LISTENER_PARAMETERS", kind: "object" }],
  [WS_LISTENER_PROPERTY_DISALLOWED_USER_AGENT, { name: "WS_LISTENER_PROPERTY_DISALLOWED_USER_AGENT", kind: "object" }],
]);

export function listenerSettingName(id: number): string {
  return SETTINGS.get(id)?.name ?? `listener property ${id}`;
}

export function isListenerSetting(id: number): boolean {
  return SETTINGS.has(id);
}

/**
 * The documented defaults (spec/properties.json). LISTEN_BACKLOG has none ("SOMAXCONN = maximum
 * reasonable value"); the listener reports SOMAXCONN's value on Windows, 0x7fffffff, and a transport
 * reading it passes the OS's own maximum. The matching options default to "WS_MATCH_URL_THIS_HOST |
 * WS_MATCH_URL_EXACT_PATH | WS_MATCH_URL_PORT | WS_MATCH_URL_NO_QUERY"; DISALLOWED_USER_AGENT to a list
 * containing "Mozilla".
 */
export function defaultListenerSettings(): Map<number, unknown> {
  const matching = WS_MATCH_URL_THIS_HOST | WS_MATCH_URL_EXACT_PATH | WS_MATCH_URL_PORT | WS_MATCH_URL_NO_QUERY;
  return new Map<number, unknown>([
    [WS_LISTENER_PROPERTY_LISTEN_BACKLOG, 0x7fffffff],
    [WS_LISTENER_PROPERTY_IP_VERSION, WS_IP_VERSION_AUTO],
    [WS_LISTENER_PROPERTY_ASYNC_CALLBACK_MODEL, WS_LONG_CALLBACK],
    [WS_LISTENER_PROPERTY_CONNECT_TIMEOUT, 15000],
    [WS_LISTENER_PROPERTY_IS_MULTICAST, false],
    [WS_LISTENER_PROPERTY_MULTICAST_INTERFACES, []],
    [WS_LISTENER_PROPERTY_MULTICAST_LOOPBACK, true],
    [WS_LISTENER_PROPERTY_CLOSE_TIMEOUT, 5000],
    [WS_LISTENER_PROPERTY_TO_HEADER_MATCHING_OPTIONS, matching],
    [WS_LISTENER_PROPERTY_TRANSPORT_URL_MATCHING_OPTIONS, matching],
    [WS_LISTENER_PROPERTY_CUSTOM_LISTENER_PARAMETERS, null],
    [WS_LISTENER_PROPERTY_DISALLOWED_USER_AGENT, { subStrings: ["Mozilla"] }],
  ]);
}

export function checkListenerSettingValue(functionName: string, id: number, value: unknown): unknown {
  const spec = SETTINGS.get(id);
  if (spec === undefined)
    throw new WsError(E_INVALIDARG, `${functionName}: ${describeValue(id)} is not a settable WS_LISTENER_PROPERTY_ID.`);
  const bad = (expected: string): never => {
    throw new WsError(E_INVALIDARG, `${functionName}: ${spec.name} must be ${expected}, not ${describeValue(value)}.`);
  };
  const kind = spec.kind;
  if (kind === "ulong") {
    if (typeof value !== "number" || value >>> 0 !== value) bad("a ULONG (0..4294967295)");
  } else if (kind === "bool") {
    if (typeof value !== "boolean") bad("a boolean");
  } else if (kind === "ulongArray") {
    if (!Array.isArray(value) || !value.every((item) => typeof item === "number" && item >>> 0 === item)) bad("an array of ULONG");
  } else if (kind === "object") {
    if (!(value === null || isObject(value))) bad("an object");
  } else if (typeof value !== "number" || !kind.values.has(value)) {
    bad(`one of the values of its enum (${[...kind.values].join(", ")})`);
  }
  return value;
}

export function listenerSettings(functionName: string, properties: readonly WS_LISTENER_PROPERTY[] | null): Map<number, unknown> {
  const settings = defaultListenerSettings();
  const list = properties ?? [];
  for (let i = 0; i < list.length; i++) {
    const property = list[i];
    if (!isObject(property)) {
      throw new WsError(E_INVALIDARG, `${functionName}: properties[${i}] must be a WS_LISTENER_PROPERTY, not ${describeValue(property)}.`);
    }
    const { id, value } = property as WS_LISTENER_PROPERTY;
    settings.set(id, checkListenerSettingValue(functionName, id, value));
  }
  return settings;
}
