import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { InFlightReads } from '../common/in-flight-reads.js';
import { InvalidationBus } from '../redis/invalidation.bus.js';
import type { AppConfig } from '../config/app-config.js';

/** A family nobody may use any more; revocation is final, so this entry never goes stale. */
const REVOKED = '';

/**
 * Whether a sign-in (a refresh-token family, the access token's `sid`) still stands, cached like
 * the user snapshots so a warm JWT check needs no database read. A revocation (logout, refresh
 * reuse) marks the family revoked here at once and, through the InvalidationBus, on the other
 * instances; the TTL bounds what a lost message can leave standing.
 */
@Injectable()
export class SessionFamilies {
  /** familyId → the user it belongs to while it stands, REVOKED once it does not. */
  private readonly cache: LRUCache<string, string>;
  private readonly reads = new InFlightReads<string>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly bus: InvalidationBus,
    config: ConfigService<AppConfig, true>,
  ) {
    this.cache = new LRUCache({ max: 100_000, ttl: config.get('keys', { infer: true }).cacheTtlSeconds * 1000 });
    bus.subscribe((event) => {
      if (event.kind !== 'session_revoked') return;
      this.reads.overtake(event.familyId);
      this.cache.set(event.familyId, REVOKED);
    });
  }

  /** True while the family `familyId` of user `userId` has a refresh token not revoked. */
  async isLive(familyId: string, userId: string): Promise<boolean> {
    const owner = this.cache.get(familyId) ?? (await this.reads.join(familyId, (stillCurrent) => this.load(familyId, stillCurrent)));
    return owner !== REVOKED && owner === userId;
  }

  /** Call after the revocation committed: here at once, elsewhere through the transport. */
  revoked(familyId: string): void {
    this.bus.publish({ kind: 'session_revoked', familyId });
  }

  private async load(familyId: string, stillCurrent: () => boolean): Promise<string> {
    const [row] = await this.db.query<Array<{ user_id: string }>>(
      'SELECT user_id FROM refresh_tokens WHERE family_id = $1 AND revoked_at IS NULL LIMIT 1',
      [familyId],
    );
    const owner = row?.user_id ?? REVOKED;
    if (stillCurrent()) this.cache.set(familyId, owner);
    return owner;
  }
}
