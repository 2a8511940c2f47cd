import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CallWorkspace } from '../../access/call-workspace.js';
import { type Caller, callerEvent } from '../../access/caller.js';
import { refuseBeyond } from '../../access/not-above.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { AppError } from '../../common/errors/app-error.js';
import { decodeCursor, type Page, type PageQuery, toPage } from '../../common/pagination.js';
import { refuseLastOwner, refusePersonal, refuseRemoval } from '../workspace.policies.js';
import { existingRolePermissions, rolePermissions } from '../roles/workspace-role-lookup.js';
import { WorkspaceChanges } from '../workspace-changes.js';

export interface MemberView {
  user: { id: string; email: string; name: string };
  role: string;
  joinedAt: Date;
}

interface MemberRow {
  id: string;
  email: string;
  name: string;
  role: string;
  createdAt: Date;
}

const toMemberView = (row: MemberRow): MemberView => ({ user: { id: row.id, email: row.email, name: row.name }, role: row.role, joinedAt: row.createdAt });

/** A workspace's members: who they are, their one role each, and leaving. */
@Injectable()
export class MembersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly changes: WorkspaceChanges,
  ) {}

  async list(workspace: CallWorkspace, query: PageQuery): Promise<Page<MemberView>> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.db.query<MemberRow[]>(
      `SELECT u.id, u.email, u.name, m.role_name AS role, m.joined_at AS "createdAt"
       FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.workspace_id = $1 AND ($2::timestamptz IS NULL OR (m.joined_at, m.user_id) < ($2, $3::uuid))
       ORDER BY m.joined_at DESC, m.user_id DESC LIMIT $4`,
      [workspace.id, cursor?.createdAt ?? null, cursor?.id ?? null, query.limit + 1],
    );
    return toPage(rows, query.limit, toMemberView);
  }

  /**
   * Nobody changes their own role, grants a role above their own, or changes someone whose
   * role is above theirs (only an owner names or demotes owners); the last owner stays one.
   */
  async changeRole(caller: Caller, workspace: CallWorkspace, userId: string, role: string): Promise<MemberView> {
    if (userId === caller.principal.user.id) throw new AppError('user.self_change', 'You cannot change your own role');
    return this.changes.commit(workspace.id, async (manager) => {
      const member = await this.lockedMember(manager, workspace.id, userId);
      const granted = await existingRolePermissions(manager, workspace.id, role);
      refuseBeyond(caller, granted, 'You cannot grant a role with permissions you do not hold');
      refuseBeyond(caller, (await rolePermissions(manager, workspace.id, member.role)) ?? [], 'You cannot change a member whose role is above yours');
      refuseLastOwner(member.role, role, await this.owners(manager, workspace.id));
      await manager.query('UPDATE memberships SET role_name = $3 WHERE workspace_id = $1 AND user_id = $2', [workspace.id, userId, role]);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'member.updated', details: { workspaceId: workspace.id, memberId: userId, before: { role: member.role }, after: { role } } }),
      );
      return toMemberView({ ...member, role });
    });
  }

  /** Removing someone (members:write, not above the caller) or leaving (anyone). */
  async remove(caller: Caller, workspace: CallWorkspace, userId: string): Promise<void> {
    const leaving = userId === caller.principal.user.id;
    refuseRemoval(caller.principal.user.id, userId, workspace.permissions);
    refusePersonal(workspace, 'Nobody leaves or is removed from a personal workspace');
    await this.changes.commit(workspace.id, async (manager) => {
      const member = await this.lockedMember(manager, workspace.id, userId);
      if (!leaving) {
        refuseBeyond(caller, (await rolePermissions(manager, workspace.id, member.role)) ?? [], 'You cannot remove a member whose role is above yours');
      }
      refuseLastOwner(member.role, null, await this.owners(manager, workspace.id));
      await manager.query('DELETE FROM memberships WHERE workspace_id = $1 AND user_id = $2', [workspace.id, userId]);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'member.removed', details: { workspaceId: workspace.id, memberId: userId, role: member.role, left: leaving } }),
      );
    });
  }

  /** The member, with the workspace row locked: owner counts cannot change under the caller. */
  private async lockedMember(manager: EntityManager, workspaceId: string, userId: string): Promise<MemberRow> {
    await manager.query('SELECT 1 FROM workspaces WHERE id = $1 FOR UPDATE', [workspaceId]);
    const [member] = await manager.query<MemberRow[]>(
      `SELECT u.id, u.email, u.name, m.role_name AS role, m.joined_at AS "createdAt"
       FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND m.user_id = $2`,
      [workspaceId, userId],
    );
    if (!member) throw new AppError('member.not_found');
    return member;
  }

  private async owners(manager: EntityManager, workspaceId: string): Promise<number> {
    const [{ count }] = await manager.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM memberships WHERE workspace_id = $1 AND role_name = 'owner'`,
      [workspaceId],
    );
    return count;
  }
}
