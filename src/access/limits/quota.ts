/** What a key (or its owner, or its workspace) may spend besides its hourly `rateLimit` (API.md §15). */

export type RefillMode = 'reset' | 'add';

export interface CreditRefill {
  amount: number;
  /** `hour`, `day`, `week`, `month` or an ISO-8601 duration of at least a minute. */
  interval: string;
  mode: RefillMode;
}

export interface KeyCredits {
  /** As last written to the database; the live figure is in the counter store. */
  remaining: number;
  refill: CreditRefill | null;
  nextRefillAt: Date | null;
}

/** A fixed-window limit: `limit` per `window` seconds, each request spending `cost`. */
export interface NamedLimit {
  name: string;
  limit: number;
  window: number;
  cost: number;
  /** Applies to every route, not only those that name it with @Limit(). */
  auto: boolean;
}

export type LimitScope = 'key' | 'member' | 'workspace';

/** A key's quota as the hot path holds it: one object per cached key. */
export interface KeyQuota {
  credits: KeyCredits | null;
  limits: NamedLimit[];
}

/** The limits shared by a member's keys and by all of a workspace's keys. */
export interface SharedLimits {
  member: NamedLimit[];
  workspace: NamedLimit[];
}

export const NO_SHARED_LIMITS: SharedLimits = Object.freeze({ member: [], workspace: [] }) as SharedLimits;

/** `rateLimit` is the limit of this name; no other limit may take it. */
export const DEFAULT_LIMIT_NAME = 'default';
export const MAX_LIMITS = 10;
/** A limit's name: what @Limit(name) refers to. Here, not in the DTO, so the console shares it. */
export const LIMIT_NAME = /^[a-z0-9][a-z0-9_.-]{0,39}$/;
/** The named limit content changes count in (a key, member or workspace may declare one by this name). */
export const WRITES_LIMIT = 'writes';
/** The named limit audit exports count in. */
export const EXPORT_LIMIT = 'export';
/** What streaming an audit export costs in credits. */
export const EXPORT_CREDIT_COST = 10;
export const MAX_WINDOW_SECONDS = 30 * 24 * 3600;

/** The counter-store cell holding a key's live credits. */
export const creditsCell = (keyUuid: string) => `cr:${keyUuid}`;

/** A key with neither credits nor named limits. */
export const NO_QUOTA: KeyQuota = Object.freeze({ credits: null, limits: [] }) as unknown as KeyQuota;
