/** Which package implements each area and handle (design §2). */

const AREA_PACKAGE: Record<string, string> = {
  heap: "core",
  url: "core",
  other: "core",
  error: "core",
  "async-execute": "async-execute",
  xml: "xml",
  serialization: "xml",
  message: "channels",
  channel: "channels",
  listener: "channels",
  security: "security",
  "service-proxy": "service-model",
  "service-host": "service-model",
  "operation-context": "service-model",
  metadata: "metadata",
  policy: "metadata",
};

/** Faults are built from messages, so their functions live with the channel layer, not in core. */
const FAULT_FUNCTIONS = new Set([
  "WsCreateFaultFromError",
  "WsGetFaultErrorDetail",
  "WsSetFaultErrorDetail",
  "WsGetFaultErrorProperty",
  "WsSetFaultErrorProperty",
]);

export function packageOfFunction(name: string, area: string): string {
  if (FAULT_FUNCTIONS.has(name)) return "channels";
  const pkg = AREA_PACKAGE[area];
  if (pkg === undefined) throw new Error(`${name}: no package for area ${area}`);
  return pkg;
}

const HANDLE_PACKAGE: Record<string, string> = {
  WS_ERROR: "core",
  WS_HEAP: "core",
  WS_XML_READER: "xml",
  WS_XML_WRITER: "xml",
  WS_XML_BUFFER: "xml",
  WS_MESSAGE: "channels",
  WS_CHANNEL: "channels",
  WS_LISTENER: "channels",
  WS_SERVICE_HOST: "service-model",
  WS_SERVICE_PROXY: "service-model",
  WS_OPERATION_CONTEXT: "service-model",
  WS_METADATA: "metadata",
  WS_POLICY: "metadata",
  WS_SECURITY_TOKEN: "security",
  WS_SECURITY_CONTEXT: "security",
};

export function packageOfHandle(name: string): string {
  const pkg = HANDLE_PACKAGE[name];
  if (pkg === undefined) throw new Error(`no package for handle ${name}`);
  return pkg;
}

/** Order in which packages depend on each other; the generator emits them in this order. */
export const PACKAGES = ["core", "async-execute", "xml", "channels", "security", "service-model", "metadata"] as const;
