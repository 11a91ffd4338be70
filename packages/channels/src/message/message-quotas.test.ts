import {
  ref,
  S_OK,
  WS_ADDRESSING_VERSION_1_0,
  WS_E_QUOTA_EXCEEDED,
  WS_ENVELOPE_VERSION_SOAP_1_2,
  WS_HEAP_PROPERTY_MAX_SIZE,
  WS_HEAP_PROPERTY_TRIM_SIZE,
  type WS_MESSAGE_PROPERTY,
  WS_MESSAGE_PROPERTY_HEAP_PROPERTIES,
  WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS,
  WS_MESSAGE_STATE_EMPTY,
  WS_MESSAGE_STATE_READING,
  WS_WRITE_REQUIRED_POINTER,
  WS_WSZ_TYPE,
} from "@wwsapi/core";
import { describe, expect, it } from "vitest";
import { WsAddCustomHeader, WsGetMessageProperty, WsReadEnvelopeStart } from "../index.js";
import { firstString, NS, newError, newMessage, newReader, newRequest, stateOf, x } from "./message.test-support.js";

/**
 * The quotas on a received message: WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS ("The default value
 * is 64") bounds the number of headers, the message's heap (WS_MESSAGE_PROPERTY_HEAP_PROPERTIES)
 * their size. Going over either is WS_E_QUOTA_EXCEEDED, and the message stays empty.
 */

const envelope = (headers: string) =>
  new TextEncoder().encode(`<s:Envelope xmlns:s="${NS.soap12}"><s:Header>${headers}</s:Header><s:Body/></s:Envelope>`);
const headers = (count: number) => Array.from({ length: count }, (_, i) => `<h${i} xmlns="urn:flood">${i}</h${i}>`).join("");

describe("header flood: WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS", () => {
  it("64 by default: 64 headers are read, 65 are WS_E_QUOTA_EXCEEDED", () => {
    const value = ref<unknown>(null);
    const ok = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    expect(WsGetMessageProperty(ok, WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS, value)).toBe(S_OK);
    expect(value.value).toBe(64);
    expect(WsReadEnvelopeStart(ok, newReader(envelope(headers(64))), null, null)).toBe(S_OK);
    expect(stateOf(ok)).toBe(WS_MESSAGE_STATE_READING);

    const flooded = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const error = newError();
    expect(WsReadEnvelopeStart(flooded, newReader(envelope(headers(65))), null, null, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsReadEnvelopeStart: the message has more than 64 headers (WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS).",
    );
    expect(stateOf(flooded)).toBe(WS_MESSAGE_STATE_EMPTY);
  });

  it("a smaller limit given to WsCreateMessage", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0, [
      { id: WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS, value: 3 },
    ]);
    const error = newError();
    expect(WsReadEnvelopeStart(message, newReader(envelope(headers(4))), null, null, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toBe(
      "WsReadEnvelopeStart: the message has more than 3 headers (WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS).",
    );
    const three = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0, [
      { id: WS_MESSAGE_PROPERTY_MAX_PROCESSED_HEADERS, value: 3 },
    ]);
    expect(WsReadEnvelopeStart(three, newReader(envelope(headers(3))), null, null)).toBe(S_OK);
  });
});

describe("header size: the message's heap", () => {
  it("defaults to 64 KiB, trim 4 KiB (WS_MESSAGE_PROPERTY_HEAP_PROPERTIES)", () => {
    const value = ref<unknown>(null);
    expect(
      WsGetMessageProperty(newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0), WS_MESSAGE_PROPERTY_HEAP_PROPERTIES, value),
    ).toBe(S_OK);
    expect(value.value).toEqual({
      properties: [
        { id: WS_HEAP_PROPERTY_MAX_SIZE, value: 65536 },
        { id: WS_HEAP_PROPERTY_TRIM_SIZE, value: 4096 },
      ],
    });
  });

  it("a received header larger than the heap is WS_E_QUOTA_EXCEEDED, naming the header", () => {
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const error = newError();
    const big = `<Big xmlns="urn:b">${"x".repeat(70000)}</Big>`;
    expect(WsReadEnvelopeStart(message, newReader(envelope(big)), null, null, error)).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toMatch(/^WsReadEnvelopeStart: the header \{urn:b\}Big: .*heap's maximum size of 65536 bytes/);
    expect(stateOf(message)).toBe(WS_MESSAGE_STATE_EMPTY);
  });

  it("a heap of 4 KiB given to WsCreateMessage holds a few small headers, not 2 KiB of them", () => {
    const props: WS_MESSAGE_PROPERTY[] = [
      { id: WS_MESSAGE_PROPERTY_HEAP_PROPERTIES, value: { properties: [{ id: WS_HEAP_PROPERTY_MAX_SIZE, value: 4096 }] } },
    ];
    const small = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0, props);
    expect(WsReadEnvelopeStart(small, newReader(envelope(headers(2))), null, null)).toBe(S_OK);
    const message = newMessage(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0, props);
    const error = newError();
    expect(
      WsReadEnvelopeStart(message, newReader(envelope(`<Big xmlns="urn:b">${"x".repeat(2048)}</Big>`.repeat(2))), null, null, error),
    ).toBe(WS_E_QUOTA_EXCEEDED);
    expect(firstString(error)).toMatch(/heap's maximum size of 4096 bytes/);
  });

  it("headers added to a message count against the same heap", () => {
    const message = newRequest(WS_ENVELOPE_VERSION_SOAP_1_2, WS_ADDRESSING_VERSION_1_0);
    const description = { elementLocalName: x("Big"), elementNs: x("urn:b"), type: WS_WSZ_TYPE, typeDescription: null } as const;
    const error = newError();
    expect(WsAddCustomHeader(message, description as never, WS_WRITE_REQUIRED_POINTER, "x".repeat(70000), 0, error)).toBe(
      WS_E_QUOTA_EXCEEDED,
    );
    expect(firstString(error)).toMatch(/heap's maximum size of 65536 bytes/);
  });
});
