import {
  E_INVALIDARG,
  WS_ADDRESSING_VERSION_1_0,
  WS_ADDRESSING_VERSION_TRANSPORT,
  WS_ADDRESSING_VERSION_VALUES,
  WS_AUTO_COOKIE_MODE,
  WS_BUFFERED_TRANSFER_MODE,
  WS_CALLBACK_MODEL_VALUES,
  type WS_CHANNEL_BINDING,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ALLOW_UNSECURED_FAULTS,
  WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL,
  WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT,
  WS_CHANNEL_PROPERTY_COOKIE_MODE,
  WS_CHANNEL_PROPERTY_CUSTOM_HTTP_PROXY,
  WS_CHANNEL_PROPERTY_DECODER,
  WS_CHANNEL_PROPERTY_ENABLE_HTTP_REDIRECT,
  WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS,
  WS_CHANNEL_PROPERTY_ENCODER,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_PROPERTY_FAULTS_AS_ERRORS,
  WS_CHANNEL_PROPERTY_HTTP_MESSAGE_MAPPING,
  WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE,
  WS_CHANNEL_PROPERTY_HTTP_REDIRECT_CALLBACK_CONTEXT,
  WS_CHANNEL_PROPERTY_IP_VERSION,
  WS_CHANNEL_PROPERTY_KEEP_ALIVE_INTERVAL,
  WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME,
  WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE,
  WS_CHANNEL_PROPERTY_MAX_HTTP_REQUEST_HEADERS_BUFFER_SIZE,
  WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS,
  WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE,
  WS_CHANNEL_PROPERTY_MAX_STREAMED_FLUSH_SIZE,
  WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE,
  WS_CHANNEL_PROPERTY_MAX_STREAMED_START_SIZE,
  WS_CHANNEL_PROPERTY_MULTICAST_HOPS,
  WS_CHANNEL_PROPERTY_MULTICAST_INTERFACE,
  WS_CHANNEL_PROPERTY_NO_DELAY,
  WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT,
  WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT,
  WS_CHANNEL_PROPERTY_SEND_KEEP_ALIVES,
  WS_CHANNEL_PROPERTY_SEND_TIMEOUT,
  WS_CHANNEL_PROPERTY_TRANSFER_MODE,
  WS_CHANNEL_PROPERTY_TRIM_BUFFERED_MESSAGE_SIZE,
  WS_COOKIE_MODE_VALUES,
  WS_ENCODING_RAW,
  WS_ENCODING_VALUES,
  WS_ENCODING_XML_BINARY_SESSION_1,
  WS_ENCODING_XML_UTF8,
  WS_ENVELOPE_VERSION_NONE,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_ENVELOPE_VERSION_VALUES,
  WS_HTTP_CHANNEL_BINDING,
  WS_HTTP_PROXY_SETTING_MODE_AUTO,
  WS_HTTP_PROXY_SETTING_MODE_VALUES,
  WS_IP_VERSION_AUTO,
  WS_IP_VERSION_VALUES,
  WS_LONG_CALLBACK,
  WS_NAMEDPIPE_CHANNEL_BINDING,
  WS_TCP_CHANNEL_BINDING,
  WS_TRANSFER_MODE_VALUES,
  WS_UDP_CHANNEL_BINDING,
} from "@wwsapi/core";
import { describeValue, isObject, WsError } from "@wwsapi/core/internal";

/** INFINITE, the ULONG timeout value that means "no timeout". */
export const INFINITE = 0xffffffff;

type Kind = "ulong" | "uint64" | "bool" | { readonly values: ReadonlySet<number> } | "object";

/** A property a channel keeps: its C name, value type, and whether WsSetChannelProperty may change it. */
interface SettingSpec {
  readonly name: string;
  readonly kind: Kind;
  /**
   * Settable after creation. The docs do not list these; Windows accepts WsSetChannelProperty for
   * the timeouts and refuses the encoding and the session dictionary size with E_INVALIDARG ("only
   * settable on channel creation", Wine's conformance tests, which run on Windows). The timeouts are
   * what an application changes between operations; everything else shapes the channel as created.
   */
  readonly settable?: boolean;
}

const enumOf = (values: ReadonlySet<number>): Kind => ({ values });

/** Every channel property that is a setting (the read-only ones, such as STATE, are in channel-properties.ts). */
export const SETTINGS: ReadonlyMap<number, SettingSpec> = new Map<number, SettingSpec>([
  [WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE, { name: "WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE, { name: "WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE", kind: "uint64" }],
  [WS_CHANNEL_PROPERTY_MAX_STREAMED_START_SIZE, { name: "WS_CHANNEL_PROPERTY_MAX_STREAMED_START_SIZE", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_MAX_STREAMED_FLUSH_SIZE, { name: "WS_CHANNEL_PROPERTY_MAX_STREAMED_FLUSH_SIZE", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_ENCODING, { name: "WS_CHANNEL_PROPERTY_ENCODING", kind: enumOf(WS_ENCODING_VALUES) }],
  [WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, { name: "WS_CHANNEL_PROPERTY_ENVELOPE_VERSION", kind: enumOf(WS_ENVELOPE_VERSION_VALUES) }],
  [WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, { name: "WS_CHANNEL_PROPERTY_ADDRESSING_VERSION", kind: enumOf(WS_ADDRESSING_VERSION_VALUES) }],
  [WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE, { name: "WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL, { name: "WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL", kind: enumOf(WS_CALLBACK_MODEL_VALUES) }],
  [WS_CHANNEL_PROPERTY_IP_VERSION, { name: "WS_CHANNEL_PROPERTY_IP_VERSION", kind: enumOf(WS_IP_VERSION_VALUES) }],
  [WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT, { name: "WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT", kind: "ulong", settable: true }],
  [WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT, { name: "WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT", kind: "ulong", settable: true }],
  [WS_CHANNEL_PROPERTY_SEND_TIMEOUT, { name: "WS_CHANNEL_PROPERTY_SEND_TIMEOUT", kind: "ulong", settable: true }],
  [WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT, { name: "WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT", kind: "ulong", settable: true }],
  [WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT, { name: "WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT", kind: "ulong", settable: true }],
  [WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT, { name: "WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT", kind: "ulong", settable: true }],
  [WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS, { name: "WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS", kind: "bool" }],
  [WS_CHANNEL_PROPERTY_TRANSFER_MODE, { name: "WS_CHANNEL_PROPERTY_TRANSFER_MODE", kind: enumOf(WS_TRANSFER_MODE_VALUES) }],
  [WS_CHANNEL_PROPERTY_MULTICAST_INTERFACE, { name: "WS_CHANNEL_PROPERTY_MULTICAST_INTERFACE", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_MULTICAST_HOPS, { name: "WS_CHANNEL_PROPERTY_MULTICAST_HOPS", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_NO_DELAY, { name: "WS_CHANNEL_PROPERTY_NO_DELAY", kind: "bool" }],
  [WS_CHANNEL_PROPERTY_SEND_KEEP_ALIVES, { name: "WS_CHANNEL_PROPERTY_SEND_KEEP_ALIVES", kind: "bool" }],
  [WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME, { name: "WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_KEEP_ALIVE_INTERVAL, { name: "WS_CHANNEL_PROPERTY_KEEP_ALIVE_INTERVAL", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS, { name: "WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_TRIM_BUFFERED_MESSAGE_SIZE, { name: "WS_CHANNEL_PROPERTY_TRIM_BUFFERED_MESSAGE_SIZE", kind: "ulong" }],
  [WS_CHANNEL_PROPERTY_ENCODER, { name: "WS_CHANNEL_PROPERTY_ENCODER", kind: "object" }],
  [WS_CHANNEL_PROPERTY_DECODER, { name: "WS_CHANNEL_PROPERTY_DECODER", kind: "object" }],
  [WS_CHANNEL_PROPERTY_COOKIE_MODE, { name: "WS_CHANNEL_PROPERTY_COOKIE_MODE", kind: enumOf(WS_COOKIE_MODE_VALUES) }],
  [
    WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE,
    { name: "WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE", kind: enumOf(WS_HTTP_PROXY_SETTING_MODE_VALUES) },
  ],
  [WS_CHANNEL_PROPERTY_CUSTOM_HTTP_PROXY, { name: "WS_CHANNEL_PROPERTY_CUSTOM_HTTP_PROXY", kind: "object" }],
  [WS_CHANNEL_PROPERTY_HTTP_MESSAGE_MAPPING, { name: "WS_CHANNEL_PROPERTY_HTTP_MESSAGE_MAPPING", kind: "object" }],
  [WS_CHANNEL_PROPERTY_ENABLE_HTTP_REDIRECT, { name: "WS_CHANNEL_PROPERTY_ENABLE_HTTP_REDIRECT", kind: "bool" }],
  [WS_CHANNEL_PROPERTY_HTTP_REDIRECT_CALLBACK_CONTEXT, { name: "WS_CHANNEL_PROPERTY_HTTP_REDIRECT_CALLBACK_CONTEXT", kind: "object" }],
  [WS_CHANNEL_PROPERTY_FAULTS_AS_ERRORS, { name: "WS_CHANNEL_PROPERTY_FAULTS_AS_ERRORS", kind: "bool" }],
  [WS_CHANNEL_PROPERTY_ALLOW_UNSECURED_FAULTS, { name: "WS_CHANNEL_PROPERTY_ALLOW_UNSECURED_FAULTS", kind: "bool" }],
  [
    WS_CHANNEL_PROPERTY_MAX_HTTP_REQUEST_HEADERS_BUFFER_SIZE,
    { name: "WS_CHANNEL_PROPERTY_MAX_HTTP_REQUEST_HEADERS_BUFFER_SIZE", kind: "ulong" },
  ],
]);

export function settingName(id: number): string {
  return SETTINGS.get(id)?.name ?? `channel property ${id}`;
}

export function isSettableLater(id: number): boolean {
  return SETTINGS.get(id)?.settable === true;
}

/** The documented default of every setting that has one, for a channel of `binding` (spec/properties.json). */
export function defaultSettings(binding: WS_CHANNEL_BINDING, encoding: number): Map<number, unknown> {
  const raw = encoding === WS_ENCODING_RAW;
  const http = binding === WS_HTTP_CHANNEL_BINDING;
  return new Map<number, unknown>([
    [WS_CHANNEL_PROPERTY_MAX_BUFFERED_MESSAGE_SIZE, 65536],
    [WS_CHANNEL_PROPERTY_MAX_STREAMED_MESSAGE_SIZE, 4194304n],
    [WS_CHANNEL_PROPERTY_MAX_STREAMED_START_SIZE, 16384],
    [WS_CHANNEL_PROPERTY_MAX_STREAMED_FLUSH_SIZE, 65536],
    [WS_CHANNEL_PROPERTY_ENCODING, encoding],
    // "HTTP: WS_ENVELOPE_VERSION_NONE if the encoding is WS_ENCODING_RAW, otherwise SOAP 1.2"; the others SOAP 1.2.
    [WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, http && raw ? WS_ENVELOPE_VERSION_NONE : WS_ENVELOPE_VERSION_SOAP_1_2],
    [WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, http && raw ? WS_ADDRESSING_VERSION_TRANSPORT : WS_ADDRESSING_VERSION_1_0],
    [WS_CHANNEL_PROPERTY_MAX_SESSION_DICTIONARY_SIZE, 2048],
    [WS_CHANNEL_PROPERTY_ASYNC_CALLBACK_MODEL, WS_LONG_CALLBACK],
    [WS_CHANNEL_PROPERTY_IP_VERSION, WS_IP_VERSION_AUTO],
    [WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT, INFINITE],
    [WS_CHANNEL_PROPERTY_CONNECT_TIMEOUT, 30000],
    [WS_CHANNEL_PROPERTY_SEND_TIMEOUT, 30000],
    [WS_CHANNEL_PROPERTY_RECEIVE_RESPONSE_TIMEOUT, 30000],
    [WS_CHANNEL_PROPERTY_RECEIVE_TIMEOUT, 30000],
    [WS_CHANNEL_PROPERTY_CLOSE_TIMEOUT, 30000],
    [WS_CHANNEL_PROPERTY_ENABLE_TIMEOUTS, true],
    [WS_CHANNEL_PROPERTY_TRANSFER_MODE, WS_BUFFERED_TRANSFER_MODE],
    [WS_CHANNEL_PROPERTY_MULTICAST_INTERFACE, 0],
    [WS_CHANNEL_PROPERTY_MULTICAST_HOPS, 1],
    [WS_CHANNEL_PROPERTY_NO_DELAY, false],
    [WS_CHANNEL_PROPERTY_SEND_KEEP_ALIVES, false],
    // "2 hours" and "1 second", in milliseconds.
    [WS_CHANNEL_PROPERTY_KEEP_ALIVE_TIME, 2 * 60 * 60 * 1000],
    [WS_CHANNEL_PROPERTY_KEEP_ALIVE_INTERVAL, 1000],
    [WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS, INFINITE],
    [WS_CHANNEL_PROPERTY_TRIM_BUFFERED_MESSAGE_SIZE, 65536],
    [WS_CHANNEL_PROPERTY_COOKIE_MODE, WS_AUTO_COOKIE_MODE],
    [WS_CHANNEL_PROPERTY_HTTP_PROXY_SETTING_MODE, WS_HTTP_PROXY_SETTING_MODE_AUTO],
    [WS_CHANNEL_PROPERTY_CUSTOM_HTTP_PROXY, null],
    [
      WS_CHANNEL_PROPERTY_HTTP_MESSAGE_MAPPING,
      { requestMappingOptions: 0, requestHeaderMappings: [], responseMappingOptions: 0, responseHeaderMappings: [] },
    ],
    [WS_CHANNEL_PROPERTY_ENABLE_HTTP_REDIRECT, false],
    [WS_CHANNEL_PROPERTY_FAULTS_AS_ERRORS, true],
    [WS_CHANNEL_PROPERTY_ALLOW_UNSECURED_FAULTS, false],
    [WS_CHANNEL_PROPERTY_MAX_HTTP_REQUEST_HEADERS_BUFFER_SIZE, 65536],
  ]);
}

/** The default WS_ENCODING of a binding: "HTTP=WS_ENCODING_XML_UTF8; TCP and named pipes=WS_ENCODING_XML_BINARY_SESSION_1; UDP WS_ENCODING_XML_UTF8". */
export function defaultEncoding(binding: WS_CHANNEL_BINDING): number {
  return binding === WS_TCP_CHANNEL_BINDING || binding === WS_NAMEDPIPE_CHANNEL_BINDING
    ? WS_ENCODING_XML_BINARY_SESSION_1
    : WS_ENCODING_XML_UTF8;
}

/** Checks one property value against its type; E_INVALIDARG naming the property otherwise. */
export function checkSettingValue(functionName: string, id: number, value: unknown): unknown {
  const spec = SETTINGS.get(id);
  if (spec === undefined)
    throw new WsError(E_INVALIDARG, `${functionName}: ${describeValue(id)} is not a settable WS_CHANNEL_PROPERTY_ID.`);
  const bad = (expected: string): never => {
    throw new WsError(E_INVALIDARG, `${functionName}: ${spec.name} must be ${expected}, not ${describeValue(value)}.`);
  };
  const kind = spec.kind;
  if (kind === "ulong") {
    if (typeof value !== "number" || value >>> 0 !== value) bad("a ULONG (0..4294967295)");
  } else if (kind === "uint64") {
    if (typeof value !== "bigint" || value < 0n || value > 0xffffffffffffffffn) bad("an unsigned __int64 (a bigint)");
  } else if (kind === "bool") {
    if (typeof value !== "boolean") bad("a boolean");
  } else if (kind === "object") {
    if (!(value === null || isObject(value))) bad("an object");
  } else if (typeof value !== "number" || !kind.values.has(value)) {
    bad(`one of the values of its enum (${[...kind.values].join(", ")})`);
  }
  return value;
}

/**
 * The settings of a new channel: the defaults of its binding, overridden by `properties`. The
 * encoding is read first because the envelope and addressing defaults of HTTP depend on it.
 * Combinations the bindings cannot carry are E_INVALIDARG: the binary session encoding needs a
 * session (net.tcp, named pipes); WS_ENCODING_RAW and WS_ENVELOPE_VERSION_NONE /
 * WS_ADDRESSING_VERSION_TRANSPORT exist for HTTP, where the message is the HTTP body.
 */
export function channelSettings(
  functionName: string,
  binding: WS_CHANNEL_BINDING,
  properties: readonly WS_CHANNEL_PROPERTY[] | null,
): Map<number, unknown> {
  const list = properties ?? [];
  const given = new Map<number, unknown>();
  for (let i = 0; i < list.length; i++) {
    const property = list[i];
    if (!isObject(property)) {
      throw new WsError(E_INVALIDARG, `${functionName}: properties[${i}] must be a WS_CHANNEL_PROPERTY, not ${describeValue(property)}.`);
    }
    const { id, value } = property as WS_CHANNEL_PROPERTY;
    if (!SETTINGS.has(id)) {
      throw new WsError(
        E_INVALIDARG,
        `${functionName}: properties[${i}]: ${describeValue(id)} is not a WS_CHANNEL_PROPERTY_ID a channel can be created with (read-only or unknown).`,
      );
    }
    given.set(id, checkSettingValue(functionName, id, value));
  }
  const encoding = (given.get(WS_CHANNEL_PROPERTY_ENCODING) as number | undefined) ?? defaultEncoding(binding);
  const settings = defaultSettings(binding, encoding);
  for (const [id, value] of given) settings.set(id, value);
  checkCombination(functionName, binding, settings);
  return settings;
}

function checkCombination(functionName: string, binding: WS_CHANNEL_BINDING, settings: Map<number, unknown>): void {
  const encoding = settings.get(WS_CHANNEL_PROPERTY_ENCODING);
  const session = binding === WS_TCP_CHANNEL_BINDING || binding === WS_NAMEDPIPE_CHANNEL_BINDING;
  const refuse = (why: string): never => {
    throw new WsError(E_INVALIDARG, `${functionName}: ${why}.`);
  };
  if (encoding === WS_ENCODING_XML_BINARY_SESSION_1 && !session) {
    refuse("WS_ENCODING_XML_BINARY_SESSION_1 needs a session binding (net.tcp or named pipes)");
  }
  if (encoding === WS_ENCODING_RAW && binding !== WS_HTTP_CHANNEL_BINDING) refuse("WS_ENCODING_RAW is for the HTTP binding only");
  if (settings.get(WS_CHANNEL_PROPERTY_ENVELOPE_VERSION) === WS_ENVELOPE_VERSION_NONE && encoding !== WS_ENCODING_RAW) {
    refuse("WS_ENVELOPE_VERSION_NONE goes with WS_ENCODING_RAW only (a message without an envelope)");
  }
  if (settings.get(WS_CHANNEL_PROPERTY_ADDRESSING_VERSION) === WS_ADDRESSING_VERSION_TRANSPORT && binding !== WS_HTTP_CHANNEL_BINDING) {
    refuse("WS_ADDRESSING_VERSION_TRANSPORT is for the HTTP binding only");
  }
  if (binding === WS_UDP_CHANNEL_BINDING && settings.get(WS_CHANNEL_PROPERTY_TRANSFER_MODE) !== WS_BUFFERED_TRANSFER_MODE) {
    refuse("the UDP binding always uses WS_BUFFERED_TRANSFER_MODE");
  }
  if (binding !== WS_HTTP_CHANNEL_BINDING && settings.get(WS_CHANNEL_PROPERTY_TRANSFER_MODE) !== WS_BUFFERED_TRANSFER_MODE) {
    refuse("streamed transfer modes are for the HTTP binding only");
  }
}
