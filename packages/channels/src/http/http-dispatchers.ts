import { createHash } from "node:crypto";
import { lookup } from "node:dns";
import type { LookupFunction } from "node:net";
import { WS_HTTP_PROXY_SETTING_MODE_AUTO, WS_HTTP_PROXY_SETTING_MODE_CUSTOM, WS_HTTP_PROXY_SETTING_MODE_NONE } from "@wwsapi/core";
import { Agent, type Dispatcher, EnvHttpProxyAgent, ProxyAgent } from "undici";
import { INFINITE, type ResolvedRequestOptions } from "./http-options.js";

/**
 * The undici dispatchers (connection pools) of the HTTP request channels, shared per
 * configuration: every channel whose connection settings are the same (connect and resolve
 * timeouts, connection limit, TLS roots and client certificate, proxy) uses one Agent, and the
 * Agent keeps a keep-alive pool per origin. Why shared rather than one per channel: WWSAPI rides
 * on WinHTTP, whose connections "may be cached and re-used by other components within the same
 * process accessing the same HTTP server" (WS_CHANNEL_PROPERTY_MAX_HTTP_SERVER_CONNECTIONS), and
 * the common pattern — a channel (or a service proxy) per call — then reuses warm connections
 * instead of paying a TCP and TLS handshake each time.
 *
 * Leases are counted; when the last channel of a configuration releases it, its Agent lingers for
 * LINGER_MS (so the next channel still finds warm connections) and then closes its idle sockets.
 * Idle sockets never keep the process alive (undici unrefs them; the linger timer is unref'd).
 */

const LINGER_MS = 4000;

export interface DispatcherLease {
  readonly dispatcher: Dispatcher;
  /** True when requests go through an HTTP proxy (502/504 then mean WS_E_PROXY_FAILURE). */
  readonly viaProxy: boolean;
  /** Gives the lease back; idempotent. */
  release(): void;
}

interface Entry {
  readonly dispatcher: Dispatcher;
  readonly viaProxy: boolean;
  leases: number;
  linger: ReturnType<typeof setTimeout> | undefined;
}

const entries = new Map<string, Entry>();

/** dns.lookup bounded by WS_CHANNEL_PROPERTY_RESOLVE_TIMEOUT: a late answer fails with ETIMEDOUT (WS_E_OPERATION_TIMED_OUT). */
function timedLookup(timeout: number): LookupFunction {
  return ((hostname: string, options: object, callback: (...args: unknown[]) => void) => {
    let done = false;
    const timer = setTimeout(
      () => {
        if (done) return;
        done = true;
        callback(Object.assign(new Error(`resolving ${hostname} did not complete within ${timeout} ms`), { code: "ETIMEDOUT" }));
      },
      Math.min(timeout, 0x7fffffff),
    );
    lookup(hostname, options, (...args: unknown[]) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback(...args);
    });
  }) as LookupFunction;
}

function digest(value: unknown): string {
  if (value === undefined || value === null) return "";
  const parts = Array.isArray(value) ? value : [value];
  const hash = createHash("sha256");
  for (const part of parts) hash.update(typeof part === "string" ? part : Buffer.from(part as Uint8Array)).update("\0");
  return hash.digest("hex");
}

/**
 * The proxy of a WS_CUSTOM_HTTP_PROXY for `url`, or null when `bypass` names its host. `servers`
 * is WinHTTP's list ("host:port", "http=host:port;https=host:port", separated by ";" or white
 * space); `bypass` lists host patterns with "*" wildcards, and "<local>" for names without a dot.
 */
export function customProxyFor(url: URL, servers: string, bypass: string): string | null {
  const host = url.hostname.toLowerCase();
  for (const pattern of bypass.split(/[;\s]+/).filter(Boolean)) {
    const p = pattern.toLowerCase();
    if (
      p === "<local>" ? !host.includes(".") : new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`).test(host)
    ) {
      return null;
    }
  }
  const scheme = url.protocol.slice(0, -1);
  let generic: string | null = null;
  for (const entry of servers.split(/[;\s]+/).filter(Boolean)) {
    const eq = entry.indexOf("=");
    const target = eq < 0 ? entry : entry.slice(eq + 1);
    const withScheme = /^[a-z]+:\/\//i.test(target) ? target : `http://${target}`;
    if (eq < 0) generic ??= withScheme;
    else if (entry.slice(0, eq).toLowerCase() === scheme) return withScheme;
  }
  return generic;
}

function create(options: ResolvedRequestOptions, proxy: string | null): Entry {
  const tls = options.tls;
  const connect = {
    // undici's connect timeout covers the TCP connect and the TLS handshake; 0 disables it.
    timeout: options.connectTimeout === INFINITE ? 0 : options.connectTimeout,
    ...(options.resolveTimeout === INFINITE ? {} : { lookup: timedLookup(options.resolveTimeout) }),
    ...(tls?.ca !== undefined ? { ca: tls.ca as string[] } : {}),
    ...(tls?.cert !== undefined ? { cert: tls.cert as string } : {}),
    ...(tls?.key !== undefined ? { key: tls.key as string } : {}),
    ...(tls?.servername !== undefined ? { servername: tls.servername } : {}),
  };
  const base = {
    connect,
    connections: options.maxServerConnections === INFINITE ? null : options.maxServerConnections,
    // The phases are timed by OperationScope from the channel's properties, not by undici.
    headersTimeout: 0,
    bodyTimeout: 0,
  };
  let dispatcher: Dispatcher;
  if (proxy !== null) dispatcher = new ProxyAgent({ ...base, uri: proxy, requestTls: connect });
  else if (options.proxySettingMode === WS_HTTP_PROXY_SETTING_MODE_AUTO)
    dispatcher = new EnvHttpProxyAgent({ ...base, requestTls: connect });
  else dispatcher = new Agent(base);
  return { dispatcher, viaProxy: proxy !== null, leases: 0, linger: undefined };
}

/** A lease on the dispatcher for `options` (created on first use). */
export function leaseDispatcher(options: ResolvedRequestOptions): DispatcherLease {
  let proxy: string | null = null;
  let mode = options.proxySettingMode;
  if (mode === WS_HTTP_PROXY_SETTING_MODE_CUSTOM) {
    proxy = customProxyFor(options.url, options.customProxy?.servers ?? "", options.customProxy?.bypass ?? "");
    if (proxy === null) mode = WS_HTTP_PROXY_SETTING_MODE_NONE;
  }
  const tls = options.tls;
  const key = JSON.stringify([
    mode,
    proxy,
    options.connectTimeout,
    options.resolveTimeout,
    options.maxServerConnections,
    digest(tls?.ca),
    digest(tls?.cert),
    digest(tls?.key),
    tls?.servername ?? "",
  ]);
  let entry = entries.get(key);
  if (entry === undefined) {
    entry = create({ ...options, proxySettingMode: mode }, proxy);
    entries.set(key, entry);
  }
  if (entry.linger !== undefined) clearTimeout(entry.linger);
  entry.linger = undefined;
  entry.leases++;
  const leased = entry;
  let released = false;
  return {
    dispatcher: leased.dispatcher,
    viaProxy: leased.viaProxy,
    release() {
      if (released) return;
      released = true;
      if (--leased.leases > 0) return;
      leased.linger = setTimeout(() => retire(key, leased), LINGER_MS);
      leased.linger.unref();
    },
  };
}

function retire(key: string, entry: Entry): void {
  if (entry.leases > 0 || entries.get(key) !== entry) return;
  entries.delete(key);
  entry.linger = undefined;
  void entry.dispatcher.close().catch(() => entry.dispatcher.destroy().catch(() => {}));
}

/** Closes every dispatcher no channel holds now (their idle connections close). For tests and shutdown. */
export async function closeIdleHttpDispatchers(): Promise<void> {
  const idle = [...entries].filter(([, e]) => e.leases === 0);
  for (const [key, entry] of idle) {
    if (entry.linger !== undefined) clearTimeout(entry.linger);
    entries.delete(key);
  }
  await Promise.all(idle.map(([, e]) => e.dispatcher.destroy().catch(() => {})));
}

/** How many dispatchers exist (for tests: leases are released). */
export function httpDispatcherCount(): { total: number; leased: number } {
  let leased = 0;
  for (const e of entries.values()) if (e.leases > 0) leased++;
  return { total: entries.size, leased };
}
