import { describe, expect, it } from "vitest";
import { runDemo } from "./demo.js";
import { ECHO_TEXT } from "./exercise.js";

/**
 * The demo run in-process with a small burst: what it prints for each call on both endpoints, and
 * that it leaves no server, socket or child process behind (what lets `pnpm demo` end by itself).
 */

/** The handles that would keep the process alive: servers, sockets, pipes and child processes. */
const IO_HANDLES = /^(TCPServerWrap|TCPSocketWrap|TCPWRAP|PipeWrap|PipeServerWrap|ProcessWrap)$/;
const ioHandles = () => process.getActiveResourcesInfo().filter((name) => IO_HANDLES.test(name));

/** A destroyed socket's handle goes away on a later turn of the event loop: wait for the count, 2 s at most. */
async function settlesTo(count: number): Promise<number> {
  for (let i = 0; i < 40 && ioHandles().length > count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
  return ioHandles().length;
}

async function run(options: Parameters<typeof runDemo>[0]) {
  const lines: string[] = [];
  const before = ioHandles().length;
  // The most handles seen while it printed: shows that the check below sees the demo's sockets at all.
  let peak = before;
  const print = (line: string) => {
    lines.push(...line.split("\n"));
    peak = Math.max(peak, ioHandles().length);
  };
  const result = await runDemo({ ...options, print });
  return { result, lines, before, peak, after: await settlesTo(before) };
}

/** The printed lines that end with `text` (a step's label and outcome), one per endpoint. */
const endingWith = (lines: readonly string[], text: string) => lines.filter((line) => line.endsWith(text));

describe("pnpm demo (our ServiceHost on HTTP and net.tcp)", () => {
  it("prints each call's result and bytes, then closes everything", { timeout: 60_000 }, async () => {
    const { result, lines, before, peak, after } = await run({ burst: { maxCalls: 20, maxMs: 1000 } });
    expect(result.ok).toBe(true);
    expect(result.reports.map((r) => r.endpoint.name)).toEqual(["HTTP text", "net.tcp binary"]);
    expect(endingWith(lines, "Add(2, 3) = 5")).toHaveLength(2);
    expect(endingWith(lines, `Echo(${JSON.stringify(ECHO_TEXT)}) = ${JSON.stringify(ECHO_TEXT)}`)).toHaveLength(2);
    expect(endingWith(lines, "EchoBytes(2048 bytes) = 2048 bytes back, identical")).toHaveLength(2);
    expect(endingWith(lines, 'Divide(7, 0) fault: "division by zero" (WS_E_ENDPOINT_FAULT_RECEIVED)')).toHaveLength(2);

    const [http, tcp] = result.reports as [(typeof result.reports)[0], (typeof result.reports)[0]];
    const bytes = (report: typeof http, label: string) => report.steps.find((s) => s.label === label)?.bytes;
    // HTTP opens no connection before the first call; net.tcp's open is the preamble, answered by
    // the one-byte PreambleAck record ([MC-NMF] 0x0B), and its close is one End record (0x07) each way.
    expect(bytes(http, "WsOpenServiceProxy")).toEqual({ request: 0, reply: 0 });
    expect(bytes(tcp, "WsOpenServiceProxy")?.reply).toBe(1);
    expect(bytes(tcp, "WsCloseServiceProxy")).toEqual({ request: 1, reply: 1 });
    // Every call crossed the relay, and binary XML in a session is smaller than SOAP text over HTTP.
    for (const label of ["Add(2, 3)", "Divide(7, 0)"]) {
      expect(bytes(http, label)!.request).toBeGreaterThan(bytes(tcp, label)!.request);
      expect(bytes(tcp, label)!.reply).toBeGreaterThan(0);
    }
    // 2048 bytes are 2,732 characters of base64 in text, 2048 bytes plus a record header in binary.
    expect(bytes(http, "EchoBytes(2048 bytes)")!.reply).toBeGreaterThan(2732);
    expect(bytes(tcp, "EchoBytes(2048 bytes)")!.reply).toBeGreaterThan(2048);
    expect(bytes(tcp, "EchoBytes(2048 bytes)")!.reply).toBeLessThan(2732);

    for (const report of result.reports) {
      expect(report.burst!.calls).toBeGreaterThan(0);
      expect(report.burst!.calls).toBeLessThanOrEqual(20);
    }
    expect(lines.some((line) => /burst: \d+ × Add in \d+\.\d\d s = [\d,]+ calls\/s/.test(line))).toBe(true);
    expect(lines.at(-1)).toBe("Closed the clients, the service host and the relays: the process ends by itself.");
    expect(peak).toBeGreaterThanOrEqual(before + 4); // two listeners, two relays (and their connections)
    expect(after).toBe(before);
  });
});

describe("pnpm demo --peer wcf", () => {
  it("without Mono on the PATH, says how to install the peer and succeeds", async () => {
    const path = process.env.PATH;
    process.env.PATH = "";
    try {
      const { result, lines, before, after } = await run({ peer: "wcf" });
      expect(result).toEqual({ reports: [], ok: true, skipped: "mono is not installed" });
      expect(lines).toContain("The WCF peer is not installed here: mono is not installed.");
      expect(lines).toContain('    PEERS="mono" bash tools/peers/install.sh');
      expect(after).toBe(before);
    } finally {
      process.env.PATH = path;
    }
  });
});
