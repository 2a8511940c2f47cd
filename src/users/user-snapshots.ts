import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import type { UserSnapshot } from '../access/principal.js';
import { InvalidationBus } from '../redis/invalidation.bus.js';
import type { AppConfig } from '../config/app-config.js';
import { toUserSnapshot, USER_SNAPSHOT_SQL, type UserRoleRow } from './user-snapshot.js';

/**
 * The users behind principals, cached so a warm request needs no database read. Any change to a
 * user or a role invalidates it at once (InvalidationBus); the TTL bounds what a lost
 * cross-instance message can leave stale.
 */
@Injectable()
export class UserSnapshots {
  private readonly cache: LRUCache<string, UserSnapshot>;
  private changes = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    config: ConfigService<AppConfig, true>,
    bus: InvalidationBus,
  ) {
    this.cache = new LRUCache({ max: 100_000, ttl: config.get('keys', { infer: true }).cacheTtlSeconds * 1000 });
    bus.subscribe((event) => {
      if (event.kind === 'user') this.cache.delete(event.id);
      if (event.kind === 'roles') this.cache.clear();
      if (event.kind === 'user' || event.kind === 'roles') this.changes++;
    });
  }

  /**
   * Read before querying a user and hand back to remember(): a user or role change in between
   * means the rows may predate it. One counter for every user, not one per id: changes are rare,
   * and a read they overtake is simply not cached.
   */
  get generation(): number {
    return this.changes;
  }

  async get(userId: string): Promise<UserSnapshot | null> {
    const cached = this.cache.get(userId);
    if (cached) return cached;
    const asOf = this.generation;
    const snapshot = toUserSnapshot(await this.db.query<UserRoleRow[]>(USER_SNAPSHOT_SQL, [userId]));
    if (snapshot) this.remember(snapshot, asOf);
    return snapshot;
  }

  /** Lets a query that already joined the owner (the API-key lookup) warm this cache, unless a change overtook it. */
  remember(snapshot: UserSnapshot, asOf: number): void {
    if (asOf === this.changes) this.cache.set(snapshot.id, snapshot);
  }

  peek(userId: string): UserSnapshot | undefined {
    return this.cache.get(userId);
  }
}
