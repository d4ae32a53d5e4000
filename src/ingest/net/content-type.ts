/** Content-Type parsing and matching shared by the fetcher and the charset decoder. */

/** Splits a Content-Type header into a lower-case media type and charset; tolerant of sloppy headers. */
export function parseContentType(header: string | undefined): {
  mediaType: string | null;
  charset?: string;
} {
  if (!header) return { mediaType: null };
  const [type = '', ...params] = header.split(';');
  const mediaType = type.trim().toLowerCase() || null;
  for (const param of params) {
    const eq = param.indexOf('=');
    if (eq < 0 || param.slice(0, eq).trim().toLowerCase() !== 'charset') continue;
    const value = param
      .slice(eq + 1)
      .trim()
      .replace(/^["']|["']$/g, '')
      .toLowerCase();
    if (value) return { mediaType, charset: value };
  }
  return { mediaType };
}

/** True when a media type matches one of the accept patterns ("text/html", "text/*", "+xml"). */
export function contentTypeAccepted(mediaType: string, accept: readonly string[]): boolean {
  return accept.some((pattern) => {
    const p = pattern.toLowerCase();
    if (p.startsWith('+')) return mediaType.endsWith(p);
    if (p.endsWith('/*')) return mediaType.startsWith(p.slice(0, -1));
    return mediaType === p;
  });
}
