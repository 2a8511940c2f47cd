import type { KeyPolicy } from '../access/call-workspace.js';
import { toKeyPolicy } from './key-policy-settings.js';

/** A workspace as API.md §9 shows it, with the caller's role in it. */
export interface WorkspaceView {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  role: string;
  requireTwoFactor: boolean;
  plan: { maxRateLimit: number; maxKeysPerUser: number };
  keyPolicy: KeyPolicy;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkspaceRow {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  require_two_factor: boolean;
  max_rate_limit: number | null;
  max_keys_per_user: number | null;
  /** jsonb: the rules that are set (key-policy-settings.ts). */
  key_policy: unknown;
  created_at: Date;
  updated_at: Date;
}

export const WORKSPACE_COLUMNS = 'w.id, w.slug, w.name, w.personal, w.require_two_factor, w.max_rate_limit, w.max_keys_per_user, w.key_policy, w.created_at, w.updated_at';

/** The instance's limits, which a workspace's plan replaces where it sets its own. */
export interface PlanDefaults {
  maxRateLimit: number;
  maxKeysPerUser: number;
}

export function toWorkspaceView(row: WorkspaceRow, role: string, defaults: PlanDefaults): WorkspaceView {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    personal: row.personal,
    role,
    requireTwoFactor: row.require_two_factor,
    plan: { maxRateLimit: row.max_rate_limit ?? defaults.maxRateLimit, maxKeysPerUser: row.max_keys_per_user ?? defaults.maxKeysPerUser },
    keyPolicy: toKeyPolicy(row.key_policy),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
