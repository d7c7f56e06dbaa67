// Small URL helpers for ingest: regexes instead of `new URL()`, which is slow on the hot path and throws on the
// partial URLs that real tracking code sends.

const URL_PARTS = /^(?:([a-z][a-z0-9+.-]*):)?\/\/([^/?#]*)([^?#]*)(\?[^#]*)?/i;

export interface UrlParts {
  host: string;
  path: string;
  query: string;
}

/** Splits an absolute URL (scheme optional) into host, path and query; undefined if it has no host. */
export function parseUrl(url: string): UrlParts | undefined {
  const m = URL_PARTS.exec(url);
  if (!m) return undefined;
  const host = (m[2] ?? '')
    .toLowerCase()
    .replace(/^[^@]*@/, '')
    .replace(/:\d+$/, '');
  if (host === '') return undefined;
  return { host, path: m[3] || '/', query: m[4] ?? '' };
}

/** The host without a leading `www.`, the form referrers are grouped by. */
export function domainOf(url: string): string {
  const parts = parseUrl(url);
  return parts ? parts.host.replace(/^www\./, '') : '';
}

/** The path of a URL, or of a bare path such as `/cart?x=1`. */
export function pathOf(url: string): string {
  // `//host/path` is a URL without a scheme, not a path.
  if (url.startsWith('/') && !url.startsWith('//')) return url.replace(/[?#].*$/, '');
  return parseUrl(url)?.path ?? '';
}

/** Reads query parameters (decoded, first value wins). */
export function queryParams(query: string): Map<string, string> {
  const out = new Map<string, string>();
  const q = query.startsWith('?') ? query.slice(1) : query;
  if (q === '') return out;
  for (const pair of q.split('&')) {
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const key = safeDecode(rawKey).toLowerCase();
    if (key !== '' && !out.has(key)) out.set(key, safeDecode(rawValue));
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
