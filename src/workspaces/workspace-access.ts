import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CallWorkspace, CallWorkspaces } from '../access/call-workspace.js';
import { type Principal, principalKey } from '../access/principal.js';
import { AppError } from '../common/errors/app-error.js';
import { parseWorkspaceReference } from './slugs.js';
import { isInstanceAdmin, refusesWithoutTwoFactor } from './workspace.policies.js';
import { OWNER, permissionsInWorkspace, workspaceRolePermissions } from './roles/workspace-roles.js';

interface AccessRow {
  id: string;
  slug: string;
  name: string;
  personal: boolean;
  role: string | null;
  custom: string[] | null;
  require_two_factor: boolean;
}

const accessSql = (column: 'id' | 'slug') => `
  SELECT w.id, w.slug, w.name, w.personal, m.role_name AS role, wr.permissions AS custom, w.require_two_factor
  FROM workspaces w
  LEFT JOIN memberships m ON m.workspace_id = w.id AND m.user_id = $2
  LEFT JOIN workspace_roles wr ON wr.workspace_id = w.id AND wr.name = m.role_name
  WHERE w.${column} = $1 AND w.deleted_at IS NULL`;
const BY_COLUMN = { id: accessSql('id'), slug: accessSql('slug') };

/**
 * The workspace a reference names and what the caller may do there: their membership role, or
 * `owner` for an instance admin. Any workspace the caller cannot see — unknown, deleted, or
 * someone else's — is the same 404, so ids and slugs of other tenants leak nothing.
 */
@Injectable()
export class WorkspaceAccess implements CallWorkspaces {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async resolve(principal: Principal, reference: string): Promise<CallWorkspace> {
    const named = parseWorkspaceReference(reference);
    if (!named) throw new AppError('workspace.not_found');
    const [row] = await this.db.query<AccessRow[]>(BY_COLUMN[named.column], [named.value, principal.user.id]);
    const role = row?.role ?? (row && isInstanceAdmin(principal) ? OWNER : null);
    if (!row || !role) throw new AppError('workspace.not_found');
    if (refusesWithoutTwoFactor(principal, row.require_two_factor, principal.user.twoFactorEnabled)) {
      throw new AppError('auth.2fa_required', 'This workspace requires two-factor sign-in: turn it on at POST /auth/2fa/setup');
    }
    const permissions = permissionsInWorkspace(workspaceRolePermissions(role, row.role ? row.custom : null), principalKey(principal)?.scopes);
    return { id: row.id, slug: row.slug, name: row.name, personal: row.personal, role, permissions };
  }
}
