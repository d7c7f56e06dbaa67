// Answers the dashboard asks for again and again (a project's event names, an event's property keys) kept for the
// browser session: every view that asks while a load is in flight shares it, a fresh answer is reused, and after
// `maxAgeMs` the next ask loads anew. A failed load is forgotten, so a retry asks the server again.

/** Rejects with the `AbortError` fetch uses when `signal` aborts; the shared load itself goes on for the others. */
export function abortable<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const abortError = () => new DOMException('The request was aborted.', 'AbortError');

interface Entry<V> {
  value: Promise<V>;
  loadedAt: number;
}

/**
 * A cache of loads by key. `load` runs without any caller's signal: one caller leaving (a view unmounting) must not
 * cancel the answer the others wait for.
 *
 * ```ts
 * const names = new SessionCache((project: string) => fetchNames(project), 5 * 60_000);
 * await names.get('demo', signal); // asks the server
 * await names.get('demo');         // the same answer, no request
 * ```
 */
export class SessionCache<K, V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly load: (key: K) => Promise<V>,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
    private readonly keyOf: (key: K) => string = (key) => JSON.stringify(key),
  ) {}

  get(key: K, signal?: AbortSignal): Promise<V> {
    const id = this.keyOf(key);
    const known = this.entries.get(id);
    if (known && this.now() - known.loadedAt < this.maxAgeMs) return abortable(known.value, signal);
    const value = this.load(key);
    const entry = { value, loadedAt: this.now() };
    this.entries.set(id, entry);
    // A failure is not kept: the next ask (a retry button) loads again.
    value.catch(() => {
      if (this.entries.get(id) === entry) this.entries.delete(id);
    });
    return abortable(value, signal);
  }

  /** Forget everything (the user signed out, or data was sent that the answers should show). */
  clear(): void {
    this.entries.clear();
  }
}
