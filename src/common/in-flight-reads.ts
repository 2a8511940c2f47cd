interface Read<V> {
  result: Promise<V>;
  current: boolean;
}

/**
 * Database reads shared per id while they are in flight. A change to the id (an invalidation)
 * overtakes the read in flight: its result still answers the callers that joined it (they asked
 * before the change was visible), but it may no longer cache what it read, and later callers
 * start a fresh read rather than join the stale one. Without this, a read that began before a
 * revocation committed could land after the cache was cleared and re-cache the old record for a
 * whole TTL. The flag lives on the read itself, so nothing outlives it.
 */
export class InFlightReads<V> {
  private readonly reads = new Map<string, Read<V>>();

  has(id: string): boolean {
    return this.reads.has(id);
  }

  /** Joins the read in flight for `id`, or starts `read`, which asks `stillCurrent()` before it caches. */
  join(id: string, read: (stillCurrent: () => boolean) => Promise<V>): Promise<V> {
    const existing = this.reads.get(id);
    if (existing) return existing.result;
    const entry = { current: true } as Read<V>;
    entry.result = read(() => entry.current).finally(() => {
      // A read started after this one was overtaken owns the slot now.
      if (this.reads.get(id) === entry) this.reads.delete(id);
    });
    this.reads.set(id, entry);
    return entry.result;
  }

  /** What `id` names has changed: the read in flight for it, if any, must not cache its result. */
  overtake(id: string): void {
    const entry = this.reads.get(id);
    if (!entry) return;
    entry.current = false;
    this.reads.delete(id);
  }

  /** Everything changed at once (a cache cleared whole): no read in flight may cache what it read. */
  overtakeAll(): void {
    for (const entry of this.reads.values()) entry.current = false;
    this.reads.clear();
  }
}
