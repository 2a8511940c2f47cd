import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CallWorkspace, CallWorkspaces, KeyPolicy, WorkspaceReference } from '../access/call-workspace.js';
import { type BoundCredential, boundWorkspace, type Principal } from '../access/principal.js';
import { AppError } from '../common/errors/app-error.js';
import { toKeyPolicy } from './key-policy-settings.js';
import { isInstanceAdmin, refusesWithoutTwoFactor } from './workspace.policies.js';
import { OWNER, permissionsInWorkspace } from './roles/workspace-roles.js';
import { rolePermissions } from './roles/workspace-role-lookup.js';
import { type Standing, WorkspaceStandings } from './workspace-standings.js';

/** A credential's workspace as last resolved, while no workspace changed since (`asOf`) and its standing's TTL runs. */
interface BoundWorkspace {
  workspace: CallWorkspace;
  asOf: number;
  until: number;
}

function toCallWorkspace(standing: Standing, role: string, rolePermissions: readonly string[], scopes?: readonly string[]): CallWorkspace {
  const { id, slug, name, personal, plan, limits, keyPolicy } = standing;
  return { id, slug, name, personal, role, plan, limits, keyPolicy, permissions: permissionsInWorkspace(rolePermissions, scopes) };
}

/** A deleted workspace's keys stop at once; a removed owner's keys wait for a transfer. */
function keyWorkspace(standing: Standing | null, scopes: readonly string[]): CallWorkspace {
  if (!standing) throw new AppError('api_key.revoked', 'The workspace this API key belonged to was deleted');
  if (!standing.role) throw new AppError('api_key.owner_not_member');
  return toCallWorkspace(standing, standing.role, standing.rolePermissions, scopes);
}

/** An OAuth token stops at once when its workspace is deleted or its user leaves it: there is no transfer to wait for. */
function grantWorkspace(standing: Standing | null, scopes: readonly string[]): CallWorkspace {
  if (!standing?.role) throw new AppError('auth.token_invalid');
  return toCallWorkspace(standing, standing.role, standing.rolePermissions, scopes);
}

/**
 * The workspace a reference names and what the caller may do there: their membership role, or
 * `owner` for an instance admin. Any workspace the caller cannot see — unknown, deleted, or
 * someone else's — is the same 404, so ids and slugs of other tenants leak nothing. An API key
 * whose owner is no longer a member of its workspace is refused (`401 api_key.owner_not_member`).
 */
@Injectable()
export class WorkspaceAccess implements CallWorkspaces {
  /**
   * The hot path: a warm key's workspace is answered synchronously, from the principal's key
   * object (one per cached key and owner), with neither a cache key to build nor a promise. An
   * OAuth grant's is memoised the same way, on its grant object.
   */
  private readonly byCredential = new WeakMap<BoundCredential, BoundWorkspace>();
  /** A signed-in user's personal workspace (a call naming none), memoised on the principal: one per session and user snapshot. */
  private readonly personalOf = new WeakMap<Principal, BoundWorkspace>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly standings: WorkspaceStandings,
  ) {}

  resolve(principal: Principal, reference: WorkspaceReference): CallWorkspace | Promise<CallWorkspace> {
    const bound = boundWorkspace(principal);
    if (!bound) return typeof reference === 'string' ? this.userWorkspace(principal, reference) : this.personalWorkspace(principal, reference);
    const known = this.byCredential.get(bound);
    if (known && this.stillStands(known)) return known.workspace;
    return this.readBoundWorkspace(principal, bound);
  }

  private stillStands(known: BoundWorkspace): boolean {
    return known.asOf === this.standings.generation && known.until > Date.now();
  }

  private personalWorkspace(principal: Principal, reference: WorkspaceReference): CallWorkspace | Promise<CallWorkspace> {
    const known = this.personalOf.get(principal);
    if (known && this.stillStands(known)) return known.workspace;
    const asOf = this.standings.generation;
    return this.userWorkspace(principal, reference).then((workspace) => {
      this.personalOf.set(principal, { workspace, asOf, until: Date.now() + this.standings.ttlMs });
      return workspace;
    });
  }

  async memberPermissions(workspaceId: string, userId: string): Promise<string[] | null> {
    const [membership] = await this.db.query<Array<{ role_name: string }>>('SELECT role_name FROM memberships WHERE workspace_id = $1 AND user_id = $2', [
      workspaceId,
      userId,
    ]);
    return membership ? rolePermissions(this.db.manager, workspaceId, membership.role_name) : null;
  }

  async keyPolicyOf(workspaceId: string): Promise<KeyPolicy> {
    const [row] = await this.db.query<Array<{ key_policy: unknown }>>('SELECT key_policy FROM workspaces WHERE id = $1', [workspaceId]);
    return toKeyPolicy(row?.key_policy);
  }

  private async readBoundWorkspace(principal: Principal, bound: BoundCredential): Promise<CallWorkspace> {
    const asOf = this.standings.generation;
    const standing = await this.standings.of(principal.user.id, bound.workspaceId);
    const workspace = principal.authMethod === 'oauth' ? grantWorkspace(standing, bound.scopes) : keyWorkspace(standing, bound.scopes);
    this.byCredential.set(bound, { workspace, asOf, until: Date.now() + this.standings.ttlMs });
    return workspace;
  }

  private async userWorkspace(principal: Principal, reference: WorkspaceReference): Promise<CallWorkspace> {
    const standing = await this.standings.of(principal.user.id, reference);
    const role = standing?.role ?? (standing && isInstanceAdmin(principal) ? OWNER : null);
    if (!standing || !role) throw new AppError('workspace.not_found');
    if (refusesWithoutTwoFactor(principal, standing.requireTwoFactor, principal.user.twoFactorEnabled)) {
      throw new AppError('auth.2fa_required', 'This workspace requires two-factor sign-in: turn it on at POST /auth/2fa/setup');
    }
    return toCallWorkspace(standing, role, standing.role ? standing.rolePermissions : ['*']);
  }
}
