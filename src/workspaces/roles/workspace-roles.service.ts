import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CallWorkspace } from '../../access/call-workspace.js';
import { type Caller, callerEvent } from '../../access/caller.js';
import { refuseBeyond } from '../../access/not-above.js';
import { normalizePermissions } from '../../access/permissions.js';
import type { CreateRoleDto, UpdateRoleDto } from '../../access/role-bodies.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { AppError } from '../../common/errors/app-error.js';
import { changedRows } from '../../common/changed-rows.js';
import { instanceOnly } from '../../access/administration.js';
import { BUILT_IN_WORKSPACE_ROLES, isBuiltInWorkspaceRole } from './workspace-roles.js';
import { WorkspaceChanges } from '../workspace-changes.js';

export interface WorkspaceRoleView {
  name: string;
  description: string;
  permissions: string[];
  builtIn: boolean;
}

const BUILT_INS: WorkspaceRoleView[] = Object.entries(BUILT_IN_WORKSPACE_ROLES).map(([name, role]) => ({
  name,
  description: role.description,
  permissions: [...role.permissions],
  builtIn: true,
}));

const COLUMNS = `name, description, permissions, false AS "builtIn"`;

/**
 * A workspace's roles: the shared built-ins, which no workspace changes, and its own custom
 * ones. Nobody hands out, edits or deletes a role carrying a permission they lack, and no
 * workspace role carries an instance permission.
 */
@Injectable()
export class WorkspaceRolesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly changes: WorkspaceChanges,
  ) {}

  async list(workspace: CallWorkspace): Promise<WorkspaceRoleView[]> {
    const custom = await this.db.query<WorkspaceRoleView[]>(`SELECT ${COLUMNS} FROM workspace_roles WHERE workspace_id = $1 ORDER BY name`, [workspace.id]);
    return [...BUILT_INS, ...custom];
  }

  async create(caller: Caller, workspace: CallWorkspace, dto: CreateRoleDto): Promise<WorkspaceRoleView> {
    if (isBuiltInWorkspaceRole(dto.name)) throw new AppError('role.exists');
    const permissions = this.grantable(caller, dto.permissions);
    return this.db.transaction(async (manager) => {
      const [role] = await manager.query<WorkspaceRoleView[]>(
        `INSERT INTO workspace_roles (workspace_id, name, description, permissions) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
        [workspace.id, dto.name, dto.description ?? '', permissions],
      );
      if (!role) throw new AppError('role.exists');
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'role.created', details: { workspaceId: workspace.id, role: dto.name, permissions } }));
      return role;
    });
  }

  async update(caller: Caller, workspace: CallWorkspace, name: string, dto: UpdateRoleDto): Promise<WorkspaceRoleView> {
    refuseBuiltIn(name, 'Built-in workspace roles are the same in every workspace and cannot be changed');
    const permissions = dto.permissions && this.grantable(caller, dto.permissions);
    return this.changes.commit(workspace.id, async (manager) => {
      const existing = await this.locked(manager, caller, workspace, name);
      const [saved] = await manager.query<WorkspaceRoleView[]>(
        changedRows(`UPDATE workspace_roles SET description = coalesce($3, description), permissions = coalesce($4, permissions), updated_at = now()
         WHERE workspace_id = $1 AND name = $2 RETURNING ${COLUMNS}`),
        [workspace.id, name, dto.description ?? null, permissions ?? null],
      );
      const before = { description: existing.description, permissions: existing.permissions };
      const after = { description: saved.description, permissions: saved.permissions };
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'role.updated', details: { workspaceId: workspace.id, role: name, before, after } }));
      return saved;
    });
  }

  /** A role someone holds, or a pending invitation offers, stays: 409 role.in_use. */
  async remove(caller: Caller, workspace: CallWorkspace, name: string): Promise<void> {
    refuseBuiltIn(name, 'Built-in roles cannot be deleted');
    await this.db.transaction(async (manager) => {
      const existing = await this.locked(manager, caller, workspace, name);
      const [used] = await manager.query(
        `SELECT 1 FROM memberships WHERE workspace_id = $1 AND role_name = $2
         UNION ALL SELECT 1 FROM invitations WHERE workspace_id = $1 AND role_name = $2 AND accepted_at IS NULL AND expires_at > now() LIMIT 1`,
        [workspace.id, name],
      );
      if (used) throw new AppError('role.in_use');
      await manager.query('DELETE FROM workspace_roles WHERE workspace_id = $1 AND name = $2', [workspace.id, name]);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'role.deleted', details: { workspaceId: workspace.id, role: name, permissions: existing.permissions } }));
    });
  }

  /** The custom role, locked, if the caller holds everything it carries. */
  private async locked(manager: EntityManager, caller: Caller, workspace: CallWorkspace, name: string): Promise<WorkspaceRoleView> {
    const [role] = await manager.query<WorkspaceRoleView[]>(
      `SELECT ${COLUMNS} FROM workspace_roles WHERE workspace_id = $1 AND name = $2 FOR UPDATE`,
      [workspace.id, name],
    );
    if (!role) throw new AppError('role.not_found');
    refuseBeyond(caller, role.permissions, 'You cannot change a role carrying permissions you do not hold');
    return role;
  }

  private grantable(caller: Caller, permissions: string[]): string[] {
    const instance = instanceOnly(permissions);
    if (instance.length) {
      throw new AppError('permission.denied', 'Only instance roles carry these permissions', instance.map((required) => ({ required })));
    }
    refuseBeyond(caller, permissions, 'You cannot grant permissions you do not hold');
    return normalizePermissions(permissions);
  }
}

function refuseBuiltIn(name: string, message: string): void {
  if (isBuiltInWorkspaceRole(name)) throw new AppError('role.builtin', message);
}
