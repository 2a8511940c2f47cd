import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CallWorkspace, CallWorkspaces, WorkspaceReference } from '../access/call-workspace.js';
import { boundWorkspace, type Principal } from '../access/principal.js';
import { AppError } from '../common/errors/app-error.js';
import { isInstanceAdmin, refusesWithoutTwoFactor } from './workspace.policies.js';
import { OWNER, permissionsInWorkspace } from './roles/workspace-roles.js';
import { rolePermissions } from './roles/workspace-role-lookup.js';
import { type Standing, WorkspaceStandings } from './workspace-standings.js';

/** A key's workspace answers to the same scopes every time: one CallWorkspace per (standing, scopes). */
const keyWorkspaces = new WeakMap<Standing, WeakMap<readonly string[], CallWorkspace>>();

function toCallWorkspace(standing: Standing, role: string, rolePermissions: readonly string[], scopes?: readonly string[]): CallWorkspace {
  const { id, slug, name, personal, plan } = standing;
  return { id, slug, name, personal, role, plan, permissions: permissionsInWorkspace(rolePermissions, scopes) };
}

/**
 * The workspace a reference names and what the caller may do there: their membership role, or
 * `owner` for an instance admin. Any workspace the caller cannot see — unknown, deleted, or
 * someone else's — is the same 404, so ids and slugs of other tenants leak nothing. An API key
 * whose owner is no longer a member of its workspace is refused (`401 api_key.owner_not_member`).
 */
@Injectable()
export class WorkspaceAccess implements CallWorkspaces {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly standings: WorkspaceStandings,
  ) {}

  async resolve(principal: Principal, reference: WorkspaceReference): Promise<CallWorkspace> {
    const standing = await this.standings.of(principal.user.id, reference);
    const bound = boundWorkspace(principal);
    if (bound && principal.authMethod === 'oauth') return this.grantWorkspace(standing, bound.scopes);
    if (bound) return this.keyWorkspace(standing, bound.scopes);
    const role = standing?.role ?? (standing && isInstanceAdmin(principal) ? OWNER : null);
    if (!standing || !role) throw new AppError('workspace.not_found');
    if (refusesWithoutTwoFactor(principal, standing.requireTwoFactor, principal.user.twoFactorEnabled)) {
      throw new AppError('auth.2fa_required', 'This workspace requires two-factor sign-in: turn it on at POST /auth/2fa/setup');
    }
    return toCallWorkspace(standing, role, standing.role ? standing.rolePermissions : ['*']);
  }

  async memberPermissions(workspaceId: string, userId: string): Promise<string[] | null> {
    const [membership] = await this.db.query<Array<{ role_name: string }>>('SELECT role_name FROM memberships WHERE workspace_id = $1 AND user_id = $2', [
      workspaceId,
      userId,
    ]);
    return membership ? rolePermissions(this.db.manager, workspaceId, membership.role_name) : null;
  }

  /** An OAuth token stops at once when its workspace is deleted or its user leaves it: there is no transfer to wait for. */
  private grantWorkspace(standing: Standing | null, scopes: readonly string[]): CallWorkspace {
    if (!standing?.role) throw new AppError('auth.token_invalid');
    return this.keyWorkspace(standing, scopes);
  }

  /** A deleted workspace's keys stop at once; a removed owner's keys wait for a transfer. */
  private keyWorkspace(standing: Standing | null, scopes: readonly string[]): CallWorkspace {
    if (!standing) throw new AppError('api_key.revoked', 'The workspace this API key belonged to was deleted');
    if (!standing.role) throw new AppError('api_key.owner_not_member');
    let byScopes = keyWorkspaces.get(standing);
    if (!byScopes) keyWorkspaces.set(standing, (byScopes = new WeakMap()));
    let workspace = byScopes.get(scopes);
    if (!workspace) byScopes.set(scopes, (workspace = toCallWorkspace(standing, standing.role, standing.rolePermissions, scopes)));
    return workspace;
  }
}
