/**
 * Every 8-hex key id that exists, held in memory so a made-up key with a well-formed checksum
 * is refused without a database read. A sorted Uint32Array keeps a million ids in 4 MB; ids
 * added since the last compaction sit in a small Set.
 */
export class KeyIdIndex {
  private sorted = new Uint32Array(0);
  private recent = new Set<number>();

  static toNumber(id: string): number {
    return Number.parseInt(id, 16) >>> 0;
  }

  /** Ids packed as 4-byte big-endian values one after another (`decode(key_id, 'hex')` concatenated). */
  static unpack(packed: Buffer): Uint32Array {
    const ids = new Uint32Array(packed.length >>> 2);
    for (let i = 0; i < ids.length; i++) ids[i] = packed.readUInt32BE(i * 4);
    return ids;
  }

  get size(): number {
    return this.sorted.length + this.recent.size;
  }

  /** Replaces the whole index (at startup, and on a periodic full reload). */
  load(ids: Iterable<number>): void {
    this.sorted = Uint32Array.from(new Set(ids)).sort();
    this.recent.clear();
  }

  add(id: string): void {
    const value = KeyIdIndex.toNumber(id);
    if (this.hasNumber(value)) return;
    this.recent.add(value);
    if (this.recent.size > 4096) this.compact();
  }

  /** Adds many ids with one compaction (a sync can bring thousands). */
  addMany(ids: string[]): void {
    for (const id of ids) {
      const value = KeyIdIndex.toNumber(id);
      if (!this.hasNumber(value)) this.recent.add(value);
    }
    if (this.recent.size > 4096) this.compact();
  }

  has(id: string): boolean {
    return this.hasNumber(KeyIdIndex.toNumber(id));
  }

  private hasNumber(value: number): boolean {
    if (this.recent.has(value)) return true;
    let low = 0;
    let high = this.sorted.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.sorted[middle];
      if (found === value) return true;
      if (found < value) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  private compact(): void {
    const merged = new Uint32Array(this.sorted.length + this.recent.size);
    merged.set(this.sorted);
    merged.set(Uint32Array.from(this.recent), this.sorted.length);
    this.sorted = merged.sort();
    this.recent.clear();
  }
}

/**
 * A token bucket for lookups of ids the index does not know. They are normally made-up keys,
 * but may be a key created a moment ago on another instance, so a few still reach the database.
 */
export class LookupBudget {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.refilledAt = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
