import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import { InvalidationBus } from '../../redis/invalidation.bus.js';
import { type IpRange, parseIpRange } from '../../common/ip-ranges.js';
import type { AppConfig } from '../../config/app-config.js';
import { BATCH_POOL } from '../../database/batch-pool.js';
import { Metrics } from '../../metrics/metrics.js';
import type { OwnedRows } from '../../users/user-snapshot.js';
import { UserSnapshots } from '../../users/user-snapshots.js';
import { InFlightReads } from '../../common/in-flight-reads.js';
import type { KeyQuota, NamedLimit } from '../../access/limits/quota.js';
import type { StoredRefill } from '../api-key.entity.js';
import { KeyIdIndex, LookupBudget } from './key-id-index.js';

/** What verifying a key needs, as the cache holds it. */
export interface VerifiableKey {
  id: string;
  keyId: string;
  keyPrefix: string;
  userId: string;
  workspaceId: string;
  name: string;
  scopes: string[];
  rateLimit: number;
  active: boolean;
  validFrom: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  hash: Buffer;
  allowedIps: IpRange[];
  /** Shown to the services that verify the key (POST /keys/verify). */
  metadata: Record<string, unknown>;
  /** Credits and named limits (API.md §15); one object, which the principal shares. */
  quota: KeyQuota;
}

interface KeyRow {
  key_uuid: string;
  key_id: string;
  key_prefix: string;
  user_id: string;
  workspace_id: string;
  key_name: string;
  scopes: string[];
  rate_limit: number;
  allowed_ips: string[];
  metadata: Record<string, unknown>;
  key_active: boolean;
  valid_from: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  key_hash: string;
  credits_remaining: string | null;
  credits_refill: StoredRefill | null;
  credits_next_refill_at: Date | null;
  limits: NamedLimit[];
}

/** One indexed read: the key, its owner and the owner's roles (UserSnapshots joins the owner). */
const KEY_WITH_OWNER: OwnedRows = {
  columns: `k.id AS key_uuid, k.key_id, k.key_prefix, k.user_id, k.workspace_id, k.name AS key_name, k.scopes, k.rate_limit, k.allowed_ips, k.metadata,
            k.active AS key_active, k.valid_from, k.expires_at, k.revoked_at, k.key_hash,
            k.credits_remaining, k.credits_refill, k.credits_next_refill_at, k.limits`,
  from: 'api_keys k',
  ownerColumn: 'k.user_id',
  where: 'k.key_id = $1 AND k.deleted_at IS NULL',
};

const NEGATIVE_TTL_MS = 5_000;
/** How long before expiry a key in use is re-read in the background. */
const REFRESH_AHEAD_MS = 5_000;
/** Exported, like the budget below, for the tests that bound the queries the hot path causes. */
export const INDEX_SYNC_MS = 5_000;
export const UNKNOWN_ID_LOOKUPS_PER_SECOND = 2;
/** A negative cache entry: this id names no key. */
const MISSING: unique symbol = Symbol('missing');

function toVerifiableKey(row: KeyRow): VerifiableKey {
  return {
    id: row.key_uuid,
    keyId: row.key_id,
    keyPrefix: row.key_prefix,
    userId: row.user_id,
    workspaceId: row.workspace_id,
    name: row.key_name,
    scopes: row.scopes,
    rateLimit: row.rate_limit,
    active: row.key_active,
    validFrom: row.valid_from,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    hash: Buffer.from(row.key_hash, 'hex'),
    allowedIps: row.allowed_ips.map((text) => parseIpRange(text)).filter((range): range is IpRange => range !== null),
    metadata: row.metadata,
    quota: {
      credits:
        row.credits_remaining === null
          ? null
          : {
              remaining: Number(row.credits_remaining),
              refill: row.credits_refill && { amount: row.credits_refill.amount, interval: row.credits_refill.interval, mode: row.credits_refill.mode },
              nextRefillAt: row.credits_next_refill_at,
            },
      limits: row.limits,
    },
  };
}

/**
 * Finds keys by their 8-hex id for the hot path: an LRU cache (TTL ≤ 30 s, short negative
 * entries), an in-memory index of existing ids so made-up keys never reach the database, and
 * one indexed read per miss (concurrent misses for one id share it; a change to the key while the
 * read is in flight keeps it from caching what it read).
 */
@Injectable()
export class ApiKeyRecords implements OnModuleInit, OnModuleDestroy {
  private readonly cache: LRUCache<string, VerifiableKey | typeof MISSING>;
  private readonly index = new KeyIdIndex();
  private readonly unknownIdBudget = new LookupBudget(UNKNOWN_ID_LOOKUPS_PER_SECOND);
  private readonly reads = new InFlightReads<VerifiableKey | null>();
  private syncTimer?: NodeJS.Timeout;
  /** created_at of the newest key the index has loaded. */
  private syncedUntil = new Date(0);

  constructor(
    @Inject(BATCH_POOL) private readonly pool: pg.Pool,
    private readonly snapshots: UserSnapshots,
    private readonly metrics: Metrics,
    bus: InvalidationBus,
    config: ConfigService<AppConfig, true>,
  ) {
    this.cache = new LRUCache({ max: 200_000, ttl: config.get('keys', { infer: true }).cacheTtlSeconds * 1000, allowStale: false });
    bus.subscribe((event) => {
      if (event.kind === 'api_key') this.forget(event.keyId);
      if (event.kind === 'api_key_created') this.known(event.keyId);
    });
  }

  async onModuleInit(): Promise<void> {
    await this.syncIndex(true);
    this.syncTimer = setInterval(() => void this.syncIndex(false).catch(() => undefined), INDEX_SYNC_MS);
    this.syncTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.syncTimer);
  }

  /** The key with this 8-hex id, or null when there is none (or it cannot be a real one). */
  async find(keyId: string): Promise<VerifiableKey | null> {
    const cached = this.cache.get(keyId);
    if (cached !== undefined) {
      this.metrics.cacheHit.inc();
      if (cached === MISSING) return null;
      // A key in use is re-read in the background shortly before its entry expires, so busy keys
      // never wait on the database; changes still evict at once through the InvalidationBus.
      if (this.cache.getRemainingTTL(keyId) < REFRESH_AHEAD_MS) this.refreshInBackground(keyId);
      return cached;
    }
    if (!this.index.has(keyId) && !this.unknownIdBudget.take()) {
      this.metrics.cacheRejected.inc();
      return null;
    }
    this.metrics.cacheMiss.inc();
    return this.reads.join(keyId, (stillCurrent) => this.load(keyId, stillCurrent));
  }

  private refreshInBackground(keyId: string): void {
    if (this.reads.has(keyId)) return;
    // A request that meets this refresh in flight awaits it and sees its error; here it is dropped.
    this.reads.join(keyId, (stillCurrent) => this.load(keyId, stillCurrent)).catch(() => undefined);
  }

  forget(keyId: string): void {
    this.reads.overtake(keyId);
    this.cache.delete(keyId);
  }

  known(keyId: string): void {
    this.index.add(keyId);
    // A read that began before the key was committed may come back empty: it must not cache "missing".
    // Not only for ids new to the index: the sync adds its ids to the index before calling this.
    this.reads.overtake(keyId);
    if (this.cache.get(keyId) === MISSING) this.cache.delete(keyId);
  }

  private async load(keyId: string, stillCurrent: () => boolean): Promise<VerifiableKey | null> {
    const { rows } = await this.snapshots.readWithOwner<KeyRow>(KEY_WITH_OWNER, [keyId]);
    const first = rows[0];
    if (!first) {
      if (stillCurrent()) this.cache.set(keyId, MISSING, { ttl: NEGATIVE_TTL_MS });
      return null;
    }
    const key = toVerifiableKey(first);
    this.index.add(keyId);
    if (stillCurrent()) this.cache.set(keyId, key);
    return key;
  }

  /**
   * Full load at start; then, every few seconds, ids created after the newest one seen (covers
   * lost broadcasts; a key committed out of order is still found through the lookup budget).
   */
  private async syncIndex(full: boolean): Promise<void> {
    if (full) return this.loadIndex();
    const { rows } = await this.pool.query<{ key_id: string; newest: Date | null }>(
      'SELECT key_id, max(created_at) OVER () AS newest FROM api_keys WHERE created_at > $1 AND deleted_at IS NULL',
      [this.syncedUntil],
    );
    this.index.addMany(rows.map((row) => row.key_id));
    for (const row of rows) this.known(row.key_id);
    if (rows[0]?.newest) this.syncedUntil = rows[0].newest;
  }

  /**
   * Every id, packed by PostgreSQL into one bytea (4 bytes a key), not one row object each: a
   * million rows cost 200 MB of heap, and pg-pool keeps the first result a new client returns
   * reachable for that client's lifetime — every garbage collection then had to walk them.
   */
  private async loadIndex(): Promise<void> {
    const { rows } = await this.pool.query<{ ids: Buffer; newest: Date | null }>(
      `SELECT coalesce(string_agg(decode(key_id, 'hex'), ''::bytea), ''::bytea) AS ids, max(created_at) AS newest
       FROM api_keys WHERE deleted_at IS NULL`,
    );
    this.index.load(KeyIdIndex.unpack(rows[0].ids));
    if (rows[0].newest) this.syncedUntil = rows[0].newest;
  }
}
