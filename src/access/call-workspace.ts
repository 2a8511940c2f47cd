import type { SharedLimits } from './limits/quota.js';
import { SetMetadata } from '@nestjs/common';
import { boundWorkspace, type Principal } from './principal.js';

/** A workspace's plan limits; null where the instance default (MAX_RATE_LIMIT, MAX_KEYS_PER_USER) applies. */
export interface WorkspacePlan {
  maxRateLimit: number | null;
  maxKeysPerUser: number | null;
}

/**
 * What a workspace demands of its keys (API.md §15); null (false) where it demands nothing. Set by
 * its admins, unlike the plan, and checked when a key is created, changed, rotated or transferred.
 */
export interface KeyPolicy {
  maxLifetimeDays: number | null;
  requireIpAllowlist: boolean;
  allowedScopes: string[] | null;
  maxRateLimit: number | null;
}

/** The workspace a request acts in, and what the caller may do there (API.md §9). */
export interface CallWorkspace {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  /** The caller's workspace role (`owner` for an instance admin who is not a member). */
  role: string;
  /** The role's permissions, narrowed by the credential's scopes. */
  permissions: string[];
  plan: WorkspacePlan;
  /** Limits the caller's keys share there: as a member, and with every key of the workspace (API.md §15). */
  limits: SharedLimits;
  keyPolicy: KeyPolicy;
}

/** How a request names its workspace: a `:ws` path segment or `X-Workspace` (id or slug), or not at all (the personal one). */
export type WorkspaceReference = string | { personal: true };

/**
 * Finds the workspace a reference names, as the principal may see it (`404 workspace.not_found`
 * otherwise), and answers what a member may do in a workspace.
 */
export interface CallWorkspaces {
  /** Synchronous when the answer is at hand (a warm key), so the hot path makes no promise. */
  resolve(principal: Principal, reference: WorkspaceReference): CallWorkspace | Promise<CallWorkspace>;
  /** The permissions of `userId`'s role in the workspace; null when they are not a member. */
  memberPermissions(workspaceId: string, userId: string): Promise<string[] | null>;
  /** The key policy of a workspace other than the call's (an instance keys:admin acting on a key by id); none for one that is gone. */
  keyPolicyOf(workspaceId: string): Promise<KeyPolicy>;
}

/** The provider of CallWorkspaces: the workspaces feature supplies it, access only asks. */
export const CALL_WORKSPACES = Symbol('CallWorkspaces');

export const IN_WORKSPACE = 'keyward:in-workspace';

/** The header a signed-in user names the workspace of an un-prefixed call with. */
export const WORKSPACE_HEADER = 'x-workspace';

/**
 * The route acts inside a workspace: the one its `:ws` parameter names when the path has one,
 * else the workspace of the call (referenceOfCall). Permissions are checked against the caller's
 * role there, and a workspace the caller cannot see is `404 workspace.not_found`.
 */
export const InWorkspace = (param = 'ws') => SetMetadata(IN_WORKSPACE, param);

/**
 * The workspace of a call (API.md §9): an API key's or OAuth token's own workspace, whatever the path says (the
 * guard then refuses a path naming another); for a signed-in user the path's, else the
 * `X-Workspace` header's, else their personal workspace.
 */
export function referenceOfCall(principal: Principal, fromPath: string | undefined, header: unknown): WorkspaceReference {
  const bound = boundWorkspace(principal);
  if (bound) return bound.workspaceId;
  if (fromPath !== undefined) return fromPath;
  if (header === undefined || header === '') return { personal: true };
  // A repeated header names no one workspace: it resolves to nothing (404), not to the first.
  return typeof header === 'string' ? header : '';
}

/** Whether a path's reference (id or slug) names the workspace: a key on another workspace's path gets 404. */
export const namesWorkspace = (reference: string, workspace: Pick<CallWorkspace, 'id' | 'slug'>): boolean =>
  reference.toLowerCase() === workspace.id || reference === workspace.slug;

/**
 * A workspace resource's two paths (API.md §9): un-prefixed, acting in the workspace of the call,
 * and under `/workspaces/:ws/`. One controller serves both, so they cannot drift apart.
 */
export const workspacePaths = (resource: string): string[] => [resource, `workspaces/:ws/${resource}`];
