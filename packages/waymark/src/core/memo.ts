// Bounded memoization for pure functions of strings on the ingest hot path: user agents and campaign tags repeat
// endlessly, and parsing them each time dominated normalization.

export function memoize<T>(fn: (key: string) => T, maxEntries = 20_000): (key: string) => T {
  let cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    // Dropping everything at once is crude but keeps lookups cheap; a hot key is back after one miss.
    if (cache.size >= maxEntries) cache = new Map();
    cache.set(key, value);
    return value;
  };
}
