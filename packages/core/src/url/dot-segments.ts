/**
 * remove_dot_segments (RFC 3986 §5.2.4), the "path collapse" that WsDecodeUrl and WsCombineUrl apply
 * unless WS_URL_FLAGS_NO_PATH_COLLAPSE is given ("path segments '.' are deleted, and path segments '..'
 * remove the immediately preceding path segment").
 *
 * It works on encoded segments. A segment that is "." or ".." once "%2E" is decoded counts as a dot
 * segment too: RFC 3986 §2.3 makes "%2E" and "." equivalent, and leaving "/%2E%2E/" in place would let
 * a decoded path still climb out of its parent after "collapse".
 */

function dotKind(segment: string): 0 | 1 | 2 {
  const normalized = segment.replace(/%2e/gi, ".");
  if (normalized === ".") return 1;
  if (normalized === "..") return 2;
  return 0;
}

/** The segments of `path` with dot segments applied; join with "/" (and a leading "/" when absolute). */
export function removeDotSegmentsFromList(segments: readonly string[]): string[] {
  const out: string[] = [];
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    const kind = dotKind(segment);
    if (kind === 0) {
      out.push(segment);
      return;
    }
    if (kind === 2) out.pop();
    // A final "." or ".." leaves the path ending in "/" ("/b/c/.." is "/b/"), as §5.2.4 rule 2B/2C
    // does by writing "/" to the input buffer.
    if (last) out.push("");
  });
  return out;
}

/**
 * Splits an absolute or empty path into segments: "" has none, "/a/b" has ["a", "b"], "/a/" has
 * ["a", ""].
 */
export function pathSegments(path: string): string[] {
  if (path.length === 0) return [];
  return (path.startsWith("/") ? path.slice(1) : path).split("/");
}

/** remove_dot_segments for the absolute or empty paths WWSAPI URLs have (an authority is required). */
export function removeDotSegments(path: string): string {
  if (path.length === 0) return path;
  const prefix = path.startsWith("/") ? "/" : "";
  return prefix + removeDotSegmentsFromList(pathSegments(path)).join("/");
}
