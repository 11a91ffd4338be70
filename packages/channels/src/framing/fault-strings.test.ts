import {
  WS_E_ENDPOINT_ACCESS_DENIED,
  WS_E_ENDPOINT_FAILURE,
  WS_E_ENDPOINT_NOT_AVAILABLE,
  WS_E_ENDPOINT_NOT_FOUND,
  WS_E_ENDPOINT_TOO_BUSY,
  WS_E_INVALID_FORMAT,
  WS_E_QUOTA_EXCEEDED,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { FAULT_FOR_ERROR, FramingFault, faultName, hresultForReceivedFault } from "./fault-strings.js";
import { FramingError, faultToSend } from "./framing-error.js";

const NS = "http://schemas.microsoft.com/ws/2006/05/framing/faults/";

describe("framing fault strings", () => {
  it("are the namespace of [MC-NMF] 2.2.5 followed by each fault name", () => {
    expect(Object.values(FramingFault)).toEqual([
      `${NS}ConnectionDispatchFailed`,
      `${NS}ContentTypeInvalid`,
      `${NS}ContentTypeTooLong`,
      `${NS}EndpointAccessDenied`,
      `${NS}EndpointNotFound`,
      `${NS}EndpointPaused`,
      `${NS}EndpointUnavailable`,
      `${NS}InvalidRecordSequence`,
      `${NS}MaxMessageSizeExceededFault`,
      `${NS}ServerTooBusy`,
      `${NS}ServiceActivationFailed`,
      `${NS}UnsupportedMode`,
      `${NS}UnsupportedVersion`,
      `${NS}UpgradeInvalid`,
      `${NS}ViaTooLong`,
    ]);
    // The document's own example.
    expect(FramingFault.UnsupportedMode).toBe("http://schemas.microsoft.com/ws/2006/05/framing/faults/UnsupportedMode");
  });

  it("map every error kind to the fault the receiver sends, or none", () => {
    expect(FAULT_FOR_ERROR).toEqual({
      "unknown-record-type": FramingFault.InvalidRecordSequence,
      "unexpected-record": FramingFault.InvalidRecordSequence,
      "unsupported-version": FramingFault.UnsupportedVersion,
      "unsupported-mode": FramingFault.UnsupportedMode,
      "content-type-invalid": FramingFault.ContentTypeInvalid,
      "malformed-size": FramingFault.InvalidRecordSequence,
      "empty-record": FramingFault.InvalidRecordSequence,
      "invalid-utf8": FramingFault.InvalidRecordSequence,
      "via-too-long": FramingFault.ViaTooLong,
      "content-type-too-long": FramingFault.ContentTypeTooLong,
      "message-too-large": FramingFault.MaxMessageSizeExceededFault,
      "fault-too-long": undefined,
      truncated: undefined,
      disconnected: undefined,
      "fault-received": undefined,
      "endpoint-not-found": FramingFault.EndpointNotFound,
      "upgrade-invalid": FramingFault.UpgradeInvalid,
    });
  });

  it("turn a received fault into the HRESULT that says the same", () => {
    expect(hresultForReceivedFault(FramingFault.EndpointNotFound)).toBe(WS_E_ENDPOINT_NOT_FOUND);
    expect(hresultForReceivedFault(FramingFault.EndpointUnavailable)).toBe(WS_E_ENDPOINT_NOT_AVAILABLE);
    expect(hresultForReceivedFault(FramingFault.EndpointPaused)).toBe(WS_E_ENDPOINT_NOT_AVAILABLE);
    expect(hresultForReceivedFault(FramingFault.EndpointAccessDenied)).toBe(WS_E_ENDPOINT_ACCESS_DENIED);
    expect(hresultForReceivedFault(FramingFault.ServerTooBusy)).toBe(WS_E_ENDPOINT_TOO_BUSY);
    expect(hresultForReceivedFault(FramingFault.MaxMessageSizeExceededFault)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(hresultForReceivedFault(FramingFault.ViaTooLong)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(hresultForReceivedFault(FramingFault.ContentTypeTooLong)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(hresultForReceivedFault(FramingFault.UnsupportedVersion)).toBe(WS_E_ENDPOINT_FAILURE);
    expect(hresultForReceivedFault("urn:example:other")).toBe(WS_E_ENDPOINT_FAILURE);
  });

  it("name a fault by its last segment when it is in the framing namespace", () => {
    expect(faultName(FramingFault.ViaTooLong)).toBe("ViaTooLong");
    expect(faultName("urn:example:other")).toBe("urn:example:other");
  });

  it("are found on framing errors only", () => {
    const error = new FramingError(WS_E_INVALID_FORMAT, "unsupported-mode", 4, "x");
    expect(faultToSend(error)).toBe(FramingFault.UnsupportedMode);
    expect(error).toBeInstanceOf(WsError);
    expect(error.code).toBe("WS_E_INVALID_FORMAT");
    expect(error.strings).toEqual(["net.tcp framing: x at byte 4"]);
    const plain = new WsError(WS_E_INVALID_FORMAT, "y");
    expect(plain).not.toBeInstanceOf(FramingError);
    expect(faultToSend(plain)).toBeUndefined();
    expect(faultToSend(new Error("z"))).toBeUndefined();
  });
});
