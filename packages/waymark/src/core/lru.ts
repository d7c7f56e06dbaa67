// A bounded map that keeps recently used entries: two generations of plain maps. Reads and writes go to the young
// generation; when it is full it becomes the old one and the previous old generation is dropped. Cheaper than a
// strict LRU (no reordering on every read) and close enough for caching hot persons and ids.

export class LruMap<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  /** Holds at least `capacity / 2` and at most `capacity` entries. */
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined) this.set(key, aged);
    return aged;
  }

  set(key: K, value: V): void {
    this.young.set(key, value);
    if (this.young.size >= this.capacity / 2) {
      this.old = this.young;
      this.young = new Map();
    }
  }

  delete(key: K): void {
    this.young.delete(key);
    this.old.delete(key);
  }

  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}
