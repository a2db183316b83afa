// A small least-recently-used cache. Per-scan parse caches use it so a 2,000-service monorepo
// does not keep every parsed base, patch and kustomization alive until the scan ends: the
// files that share a parse (a base and its overlays) sit next to each other in the walk.

export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly capacity: number) {}

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The value (and marks it recently used), or undefined. */
  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const v = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }
}
