import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import type { KeyPolicy, WorkspacePlan, WorkspaceReference } from '../access/call-workspace.js';
import type { AppConfig } from '../config/app-config.js';
import { type NamedLimit, NO_SHARED_LIMITS, type SharedLimits } from '../access/limits/quota.js';
import { InFlightReads } from '../common/in-flight-reads.js';
import { InvalidationBus } from '../redis/invalidation.bus.js';
import { toKeyPolicy } from './key-policy-settings.js';
import { parseWorkspaceReference } from './slugs.js';
import { workspaceRolePermissions } from './roles/workspace-roles.js';
import type { WorkspaceRow } from './workspace.view.js';

/** A workspace as one user stands in it: what the hot path needs to decide a call there. */
export interface Standing {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  requireTwoFactor: boolean;
  plan: WorkspacePlan;
  /** The member's shared limits and the workspace's (one object per standing). */
  limits: SharedLimits;
  keyPolicy: KeyPolicy;
  /** Their membership role, null when they are not a member. */
  role: string | null;
  /** What that role grants there (none without a membership). */
  rolePermissions: string[];
}

/** A workspace row with the user's membership in it (none: nulls). */
type StandingRow = Omit<WorkspaceRow, 'created_at' | 'updated_at'> & { role: string | null; custom: string[] | null; member_limits: NamedLimit[] | null; workspace_limits: NamedLimit[] };

const standingSql = (where: string) => `
  SELECT w.id, w.slug, w.name, w.personal, w.require_two_factor, w.max_rate_limit, w.max_keys_per_user, w.key_policy,
         m.role_name AS role, wr.permissions AS custom, m.limits AS member_limits, w.limits AS workspace_limits
  FROM workspaces w
  LEFT JOIN memberships m ON m.workspace_id = w.id AND m.user_id = $2
  LEFT JOIN workspace_roles wr ON wr.workspace_id = w.id AND wr.name = m.role_name
  WHERE ${where} AND w.deleted_at IS NULL`;
const SQL = {
  id: standingSql('w.id = $1'),
  slug: standingSql('w.slug = $1'),
  personal: standingSql('w.personal AND w.created_by = $2 AND $1::text IS NULL'),
};

/** The workspace names nothing this user can reach. */
const NOWHERE: unique symbol = Symbol('nowhere');

function toStanding(row: StandingRow): Standing {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    personal: row.personal,
    requireTwoFactor: row.require_two_factor,
    plan: { maxRateLimit: row.max_rate_limit, maxKeysPerUser: row.max_keys_per_user },
    limits: row.workspace_limits.length || row.member_limits?.length ? { member: row.member_limits ?? [], workspace: row.workspace_limits } : NO_SHARED_LIMITS,
    keyPolicy: toKeyPolicy(row.key_policy),
    role: row.role,
    rolePermissions: row.role ? workspaceRolePermissions(row.role, row.custom) : [],
  };
}

/**
 * Users' standings in workspaces, cached so a warm key check (and most signed-in calls) needs no
 * database read. Any change to a workspace, its members or its roles clears the cache here and,
 * through the InvalidationBus, on every instance; the TTL bounds what a lost message leaves.
 */
@Injectable()
export class WorkspaceStandings {
  private readonly cache: LRUCache<string, Standing | typeof NOWHERE>;
  /** Concurrent misses for one standing share a read; a change overtakes it, so it answers but is not cached. */
  private readonly reads = new InFlightReads<Standing | null>();
  /** Bumped by every workspace change: what was derived from a standing before it is stale. */
  generation = 0;
  readonly ttlMs: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    bus: InvalidationBus,
    config: ConfigService<AppConfig, true>,
  ) {
    this.ttlMs = config.get('keys', { infer: true }).cacheTtlSeconds * 1000;
    this.cache = new LRUCache({ max: 100_000, ttl: this.ttlMs });
    bus.subscribe((event) => {
      if (event.kind !== 'workspace') return;
      this.generation++;
      this.reads.overtakeAll();
      this.cache.clear();
    });
  }

  /** The user's standing in the workspace the reference names; null when it names none (unknown, deleted, malformed). */
  async of(userId: string, reference: WorkspaceReference): Promise<Standing | null> {
    const cacheKey = typeof reference === 'string' ? `${userId}\n${reference}` : userId;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached === NOWHERE ? null : cached;
    return this.reads.join(cacheKey, async (stillCurrent) => {
      const standing = await this.read(userId, reference);
      if (stillCurrent()) this.cache.set(cacheKey, standing ?? NOWHERE);
      return standing;
    });
  }

  private async read(userId: string, reference: WorkspaceReference): Promise<Standing | null> {
    if (typeof reference !== 'string') return this.first(SQL.personal, [null, userId]);
    const named = parseWorkspaceReference(reference);
    return named ? this.first(SQL[named.column], [named.value, userId]) : null;
  }

  private async first(sql: string, params: unknown[]): Promise<Standing | null> {
    const [row] = await this.db.query<StandingRow[]>(sql, params);
    return row ? toStanding(row) : null;
  }
}
