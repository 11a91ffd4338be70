/**
 * WS_AUTO_COOKIE_MODE: "cookies are handled automatically" — the channel keeps what the server
 * sets and sends it back. A request channel talks to one endpoint URL, so the jar is per channel
 * and Domain/Path attributes do not select among endpoints; Max-Age=0 or a past Expires removes a
 * cookie, as RFC 6265 §5.3 says. WS_MANUAL_COOKIE_MODE uses no jar: the application sets the
 * Cookie header itself (a mapped header).
 */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  /** Takes the Set-Cookie header values of a response. */
  store(setCookie: string | readonly string[] | undefined, now = Date.now()): void {
    if (setCookie === undefined) return;
    for (const line of typeof setCookie === "string" ? [setCookie] : setCookie) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (name === "") continue;
      if (expired(attributes, now)) this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  /** The Cookie header value to send, or null when the jar is empty. */
  header(): string | null {
    if (this.#cookies.size === 0) return null;
    return [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }
}

function expired(attributes: readonly string[], now: number): boolean {
  for (const attribute of attributes) {
    const eq = attribute.indexOf("=");
    const name = (eq < 0 ? attribute : attribute.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? "" : attribute.slice(eq + 1).trim();
    if (name === "max-age" && /^-?\d+$/.test(value)) return Number(value) <= 0;
    if (name === "expires") {
      const when = Date.parse(value);
      if (!Number.isNaN(when) && when <= now) return true;
    }
  }
  return false;
}
