import { messageOf } from "@wwsapi/channels/internal";
import type { WS_MESSAGE } from "@wwsapi/core";

/**
 * The action of a received message: its Action header, else what HTTP carried — SOAPAction (SOAP 1.1
 * §6.1.1, a quoted URI) or the `action` parameter of the content type (SOAP 1.2, RFC 3902) — which is
 * where the action travels with WS_ADDRESSING_VERSION_TRANSPORT. (The channel core does not yet copy
 * them into the message's Action header on receive; this reads them from the received HTTP headers.)
 */
export function receivedAction(message: WS_MESSAGE): string | null {
  const target = messageOf(message);
  const fromHeader = target.action;
  if (fromHeader !== null) return fromHeader;
  const headers = target.receivedHttpHeaders;
  if (headers === null) return null;
  const soapAction = headers.get("soapaction");
  if (soapAction !== undefined) return soapAction.replace(/^"(.*)"$/s, "$1");
  const match = /;\s*action\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(headers.get("content-type") ?? "");
  return match === null ? null : match[1]!.replace(/\\(.)/g, "$1");
}
