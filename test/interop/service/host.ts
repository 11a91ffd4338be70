import type { ListenerObject } from "@wwsapi/channels/internal";
import {
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_TRANSPORT,
  type WS_CHANNEL_PROPERTY,
  WS_CHANNEL_PROPERTY_ADDRESSING_VERSION,
  WS_CHANNEL_PROPERTY_ENCODING,
  WS_CHANNEL_PROPERTY_ENVELOPE_VERSION,
  WS_CHANNEL_TYPE_DUPLEX_SESSION,
  WS_CHANNEL_TYPE_REPLY,
  WS_ENCODING_XML_BINARY_1,
  WS_ENVELOPE_VERSION_SOAP_1_1,
  WS_FULL_FAULT_DISCLOSURE,
  WS_HTTP_CHANNEL_BINDING,
  type WS_SERVICE_ENDPOINT,
  type WS_SERVICE_HOST,
  WS_SERVICE_PROPERTY_FAULT_DISCLOSURE,
  WS_TCP_CHANNEL_BINDING,
} from "@wwsapi/core";
import {
  WsAbortServiceHost,
  WsCloseServiceHostAsync,
  WsCreateServiceHost,
  WsFreeServiceHost,
  WsOpenServiceHostAsync,
} from "@wwsapi/service-model";
import { calculatorServiceContract, type ServedLog } from "./calculator.js";

/**
 * Our service host for the peers' clients, made with the flat functions: one WS_SERVICE_HOST
 * (WsCreateServiceHost, WsOpenServiceHostAsync) with one endpoint per wire the peers speak, each on
 * its own ephemeral port, all serving the Calculator's WsUtil-style method table
 * (service/calculator.ts) with WS_FULL_FAULT_DISCLOSURE. The method table records every call.
 */

export type HostWire = "basic" | "ws" | "soap12" | "binary" | "tcp";

/** Each endpoint's scheme, path and channel properties (the rest are the channel's defaults). */
const ENDPOINTS: Record<HostWire, { readonly scheme: "http" | "net.tcp"; readonly path: string; readonly properties: readonly unknown[] }> =
  {
    /** BasicHttpBinding's wire: SOAP 1.1, the action in SOAPAction. */
    basic: {
      scheme: "http",
      path: "/calc/basic",
      properties: [
        { id: WS_CHANNEL_PROPERTY_ENVELOPE_VERSION, value: WS_ENVELOPE_VERSION_SOAP_1_1 },
        { id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT },
      ],
    },
    /** WSHttpBinding's: SOAP 1.2 + WS-Addressing 1.0, text. */
    ws: { scheme: "http", path: "/calc/ws", properties: [] },
    /** SOAP 1.2 without WS-Addressing (node-soap's SOAP 1.2 client): the action in the content type. */
    soap12: {
      scheme: "http",
      path: "/calc/soap12",
      properties: [{ id: WS_CHANNEL_PROPERTY_ADDRESSING_VERSION, value: WS_ADDRESSING_VERSION_TRANSPORT }],
    },
    /** CustomBinding(BinaryMessageEncoding, HTTP): application/soap+msbin1. */
    binary: { scheme: "http", path: "/calc/binary", properties: [{ id: WS_CHANNEL_PROPERTY_ENCODING, value: WS_ENCODING_XML_BINARY_1 }] },
    /** NetTcpBinding's: duplex sessions, binary session encoding. */
    tcp: { scheme: "net.tcp", path: "/calc/tcp", properties: [] },
  };

export const HOST_WIRES = Object.keys(ENDPOINTS) as HostWire[];

/** The channel properties of a wire's endpoint (for a typed ServiceHost, whose endpoints share them). */
export const channelPropertiesOf = (wire: HostWire): readonly WS_CHANNEL_PROPERTY[] => ENDPOINTS[wire].properties as WS_CHANNEL_PROPERTY[];

/** The address to listen on for a wire: 127.0.0.1, port 0, the wire's path. */
export const listenUrlOf = (wire: HostWire): string => `${ENDPOINTS[wire].scheme}://127.0.0.1:0${ENDPOINTS[wire].path}`;

export interface CalcHost {
  /** Each endpoint's URL, with the port the system chose. */
  readonly urls: Readonly<Record<HostWire, string>>;
  /** The calls the method table served, in order. */
  readonly log: ServedLog;
  readonly host: WS_SERVICE_HOST;
  /** WsCloseServiceHostAsync (WsAbortServiceHost when that fails), then WsFreeServiceHost. */
  stop(): Promise<void>;
}

function endpoint(wire: HostWire, log: ServedLog): WS_SERVICE_ENDPOINT {
  const { scheme, properties } = ENDPOINTS[wire];
  return {
    address: { url: listenUrlOf(wire), headers: null, extensions: null, identity: null },
    channelBinding: scheme === "http" ? WS_HTTP_CHANNEL_BINDING : WS_TCP_CHANNEL_BINDING,
    channelType: scheme === "http" ? WS_CHANNEL_TYPE_REPLY : WS_CHANNEL_TYPE_DUPLEX_SESSION,
    securityDescription: null,
    contract: calculatorServiceContract(log),
    authorizationCallback: null,
    properties: [],
    channelProperties: { properties: properties as never },
  };
}

/** Opens a host with an endpoint for each of `wires` (all five by default). */
export async function startCalcHost(wires: readonly HostWire[] = HOST_WIRES): Promise<CalcHost> {
  const log: ServedLog = { calls: [] };
  const created = ref<WS_SERVICE_HOST | null>(null);
  const hr = WsCreateServiceHost(
    wires.map((wire) => endpoint(wire, log)),
    [{ id: WS_SERVICE_PROPERTY_FAULT_DISCLOSURE, value: WS_FULL_FAULT_DISCLOSURE }],
    created,
  );
  if (hr !== S_OK) throw new Error(`WsCreateServiceHost returned 0x${(hr >>> 0).toString(16)}`);
  const host = created.value!;
  try {
    await WsOpenServiceHostAsync(host);
  } catch (error) {
    WsFreeServiceHost(host);
    throw error;
  }
  // There is no host property for the port chosen for port 0: each endpoint's listener transport knows it.
  const runtime = (host as unknown as { endpoints: { listener: ListenerObject }[] }).endpoints;
  const urls = Object.fromEntries(
    wires.map((wire, i) => {
      const port = (runtime[i]!.listener.transport as unknown as { port: number }).port;
      return [wire, `${ENDPOINTS[wire].scheme}://127.0.0.1:${port}${ENDPOINTS[wire].path}`];
    }),
  ) as Record<HostWire, string>;
  return {
    urls,
    log,
    host,
    stop: async () => {
      try {
        await WsCloseServiceHostAsync(host);
      } catch {
        WsAbortServiceHost(host);
      }
      WsFreeServiceHost(host);
    },
  };
}
