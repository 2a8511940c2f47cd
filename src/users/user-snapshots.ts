import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import type { UserSnapshot } from '../access/principal.js';
import { InvalidationBus } from '../redis/invalidation.bus.js';
import type { AppConfig } from '../config/app-config.js';
import { type OwnedRows, toUserSnapshot, type UserRoleRow, userWithRolesSql } from './user-snapshot.js';

const BY_ID_SQL = userWithRolesSql();

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

  async get(userId: string): Promise<UserSnapshot | null> {
    const cached = this.cache.get(userId);
    if (cached) return cached;
    return (await this.read<UserRoleRow>(BY_ID_SQL, [userId])).owner;
  }

  /**
   * Rows of another table with the user who owns them, in one query (userWithRolesSql); the
   * owner also warms this cache, unless a user or role change overtook the read.
   */
  readWithOwner<R extends object>(owned: OwnedRows, params: unknown[]): Promise<{ rows: Array<R & UserRoleRow>; owner: UserSnapshot | null }> {
    return this.read<R & UserRoleRow>(userWithRolesSql(owned), params);
  }

  /**
   * A user or role change while the query is out means its rows may predate it: they answer this
   * caller but are not cached. One counter for every user, not one per id: changes are rare.
   */
  private async read<R extends UserRoleRow>(sql: string, params: unknown[]): Promise<{ rows: R[]; owner: UserSnapshot | null }> {
    const asOf = this.changes;
    const rows = await this.db.query<R[]>(sql, params);
    const owner = toUserSnapshot(rows);
    if (owner && asOf === this.changes) this.cache.set(owner.id, owner);
    return { rows, owner };
  }

  peek(userId: string): UserSnapshot | undefined {
    return this.cache.get(userId);
  }
}
