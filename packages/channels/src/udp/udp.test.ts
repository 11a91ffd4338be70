import { createSocket } from "node:dgram";
import {
  WS_E_ADDRESS_IN_USE,
  WS_E_INVALID_ENDPOINT_URL,
  WS_E_INVALID_OPERATION,
  WS_E_OPERATION_ABORTED,
  WS_E_OPERATION_TIMED_OUT,
  WS_E_QUOTA_EXCEEDED,
} from "@wwsapi/core";
import { WsError } from "@wwsapi/core/internal";
import { describe, expect, it } from "vitest";
import { cleanupsAfterEach, never, rejection } from "../tcp/tcp.test-support.js";
import type { ChannelTransport } from "../transport/channel-transport.js";
import { MAX_QUEUED } from "./udp-channel.js";
import { createUdpListenerTransport, type UdpListenerTransport } from "./udp-listener-transport.js";
import type { UdpListenerTransportOptions, UdpTransportOptions } from "./udp-options.js";
import { createUdpTransport } from "./udp-transport.js";

/**
 * SOAP over UDP on 127.0.0.1 with ephemeral ports: request and reply datagrams between a client
 * channel and an accepted channel, the 65536-byte limit of the binding, timeouts, closes and
 * aborts, and multicast on the loopback interface (which works on this machine).
 */

const CT = "application/soap+xml; charset=utf-8";
const text = (value: string) => ({ body: new TextEncoder().encode(value), contentType: CT });
const decode = (message: { body: Uint8Array | AsyncIterable<Uint8Array> } | null) =>
  message === null ? null : new TextDecoder().decode(message.body as Uint8Array);

const cleanups = cleanupsAfterEach();

async function listen(url = "soap.udp://127.0.0.1:0/service", options: UdpListenerTransportOptions = {}): Promise<UdpListenerTransport> {
  const listener = createUdpListenerTransport(options);
  await listener.open(url, never());
  cleanups.push(() => listener.close(never()));
  return listener;
}

async function client(address: string, options: Partial<UdpTransportOptions> = {}): Promise<ChannelTransport> {
  const transport = createUdpTransport({ address, ...options });
  cleanups.push(() => transport.close(never()));
  await transport.open(never());
  return transport;
}

describe("unicast", () => {
  it("a request datagram reaches the accepted channel and its reply goes back to the sender", async () => {
    const listener = await listen();
    const server = await listener.accept(never());
    const c = await client(`soap.udp://127.0.0.1:${listener.port}/service`);
    await c.send(text("<request/>"), never());
    const request = await server.receive(never());
    expect(request?.contentType).toBe(CT);
    expect(decode(request)).toBe("<request/>");
    await server.send(text("<reply/>"), never());
    expect(decode(await c.receive(never()))).toBe("<reply/>");
  });

  it("one datagram is one message, in order, up to 65507 bytes (the most IPv4 carries)", async () => {
    const listener = await listen();
    const server = await listener.accept(never());
    const c = await client(`soap.udp://127.0.0.1:${listener.port}/service`);
    const big = new Uint8Array(65507).fill(0x61);
    await c.send(text("one"), never());
    await c.send({ body: big, contentType: CT }, never());
    await c.send(text("three"), never());
    expect(decode(await server.receive(never()))).toBe("one");
    expect((await server.receive(never()))?.body).toEqual(big);
    expect(decode(await server.receive(never()))).toBe("three");
  });

  it("over 65536 bytes is WS_E_QUOTA_EXCEEDED (the binding's fixed maximum); 65508 to 65536 cannot be one IPv4 datagram", async () => {
    const c = await client("soap.udp://127.0.0.1:9/service");
    const over = await rejection(c.send({ body: new Uint8Array(65537), contentType: CT }, never()));
    expect(over.hr).toBe(WS_E_QUOTA_EXCEEDED);
    expect(over.message).toContain("65536");
    const ipv4 = await rejection(c.send({ body: new Uint8Array(65508), contentType: CT }, never()));
    expect(ipv4.hr).toBe(WS_E_QUOTA_EXCEEDED);
    expect(ipv4.message).toContain("65507");
  });

  it("an accepted channel with nobody to answer yet refuses to send", async () => {
    const listener = await listen();
    const server = await listener.accept(never());
    expect((await rejection(server.send(text("x"), never()))).hr).toBe(WS_E_INVALID_OPERATION);
  });

  it("receive times out with WS_E_OPERATION_TIMED_OUT", async () => {
    const listener = await listen("soap.udp://127.0.0.1:0/service", { timeouts: { receive: 80 } });
    const server = await listener.accept(never());
    const error = await rejection(server.receive(never()));
    expect(error.hr).toBe(WS_E_OPERATION_TIMED_OUT);
    expect(error.message).toContain("80 ms");
  });

  it("close ends a pending receive with null; abort rejects it with the reason", async () => {
    const listener = await listen();
    const server = await listener.accept(never());
    const pending = server.receive(never());
    await server.close(never());
    expect(await pending).toBeNull();
    const c = await client(`soap.udp://127.0.0.1:${listener.port}/service`);
    const stuck = c.receive(never());
    const reason = new WsError(WS_E_OPERATION_ABORTED, "aborted by the test");
    c.abort(reason);
    await expect(stuck).rejects.toBe(reason);
  });

  it("one accepted channel at a time: the next accept waits for its close; listener close rejects waiting accepts", async () => {
    const listener = await listen();
    const first = await listener.accept(never());
    let second: ChannelTransport | undefined;
    const accepting = listener.accept(never()).then((t) => {
      second = t;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBeUndefined();
    await first.close(never());
    await accepting;
    expect(second).toBeDefined();
    const third = listener.accept(never());
    await listener.close(never());
    expect((await rejection(third)).hr).toBe(WS_E_OPERATION_ABORTED);
  });

  it("datagrams wait for receive up to a bounded queue; the rest are dropped", async () => {
    const listener = await listen();
    const server = await listener.accept(never());
    const sender = createSocket("udp4");
    cleanups.push(() => {
      sender.close();
    });
    for (let i = 0; i < MAX_QUEUED + 10; i++) {
      await new Promise<void>((resolve) => sender.send(`m${i}`, listener.port, "127.0.0.1", () => resolve()));
    }
    await expect.poll(() => (server as unknown as { dropped: number }).dropped).toBe(10);
    for (let i = 0; i < MAX_QUEUED; i++) expect(decode(await server.receive(never()))).toBe(`m${i}`);
  });

  it("a port in use is WS_E_ADDRESS_IN_USE; a URL that is not soap.udp with an IP and a port is WS_E_INVALID_ENDPOINT_URL", async () => {
    const listener = await listen();
    const other = createUdpListenerTransport();
    expect((await rejection(other.open(`soap.udp://127.0.0.1:${listener.port}/x`, never()))).hr).toBe(WS_E_ADDRESS_IN_USE);
    for (const url of ["net.tcp://127.0.0.1:1/x", "soap.udp://localhost:1/x", "soap.udp://127.0.0.1/x"]) {
      expect(() => createUdpTransport({ address: url })).toThrow(expect.objectContaining({ hr: WS_E_INVALID_ENDPOINT_URL }));
    }
  });
});

describe("multicast on the loopback interface", () => {
  const GROUP = "239.255.255.250";

  it("a datagram to the group reaches the multicast listener, and its reply comes back unicast", async () => {
    const listener = await listen(`soap.udp://${GROUP}:0/probe`, { multicast: true, multicastInterfaces: ["127.0.0.1"] });
    const server = await listener.accept(never());
    const c = await client(`soap.udp://${GROUP}:${listener.port}/probe`, { multicastInterface: "127.0.0.1" });
    await c.send(text("<Probe/>"), never());
    expect(decode(await server.receive(never()))).toBe("<Probe/>");
    await server.send(text("<ProbeMatches/>"), never());
    expect(decode(await c.receive(never()))).toBe("<ProbeMatches/>");
  });

  it("a multicast group needs a multicast listener, and a multicast listener a group", async () => {
    const plain = createUdpListenerTransport();
    expect((await rejection(plain.open(`soap.udp://${GROUP}:0/probe`, never()))).hr).toBe(WS_E_INVALID_OPERATION);
    const multicast = createUdpListenerTransport({ multicast: true });
    expect((await rejection(multicast.open("soap.udp://127.0.0.1:0/probe", never()))).hr).toBe(WS_E_INVALID_OPERATION);
  });
});
