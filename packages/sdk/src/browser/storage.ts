// Where the browser SDK keeps who the visitor is and what is not yet sent: localStorage, else a first-party cookie
// (small values only), else memory for the life of the page.

const memory = new Map<string, string>();

function local(): Storage | undefined {
  try {
    const s = window.localStorage;
    s.setItem('waymark.probe', '1');
    s.removeItem('waymark.probe');
    return s;
  } catch {
    return undefined;
  }
}

const COOKIE_MAX = 3_000;

function readCookie(key: string): string | undefined {
  for (const part of document.cookie.split('; ')) {
    const at = part.indexOf('=');
    if (part.slice(0, at) === key) return decodeURIComponent(part.slice(at + 1));
  }
  return undefined;
}

function writeCookie(key: string, value: string | undefined): void {
  const expiry =
    value === undefined ? 'Thu, 01 Jan 1970 00:00:00 GMT' : new Date(Date.now() + 365 * 864e5).toUTCString();
  document.cookie = `${key}=${encodeURIComponent(value ?? '')}; path=/; expires=${expiry}; SameSite=Lax`;
}

export interface Store {
  get(key: string): string | undefined;
  /** `undefined` removes. */
  set(key: string, value: string | undefined): void;
}

export function openStore(): Store {
  const s = local();
  if (s)
    return {
      get: (key) => s.getItem(key) ?? undefined,
      set: (key, value) => {
        try {
          if (value === undefined) s.removeItem(key);
          else s.setItem(key, value);
        } catch {
          // Quota exceeded: the value lives in memory only.
          if (value !== undefined) memory.set(key, value);
        }
      },
    };
  return {
    get: (key) => memory.get(key) ?? readCookie(key),
    set: (key, value) => {
      if (value === undefined) memory.delete(key);
      else memory.set(key, value);
      if (value === undefined || value.length < COOKIE_MAX) writeCookie(key, value);
    },
  };
}

/** A stored JSON value, or `fallback` when it is missing or unreadable. */
export function readJson<T>(store: Store, key: string, fallback: T): T {
  try {
    const raw = store.get(key);
    return raw === undefined ? fallback : (JSON.parse(raw) as T);
  } catch {
    return fallback;
  }
}
