import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CallWorkspace } from '../../access/call-workspace.js';
import { type Caller, callerEvent } from '../../access/caller.js';
import { checkedLimits } from '../../access/limits/named-limits.js';
import type { NamedLimit } from '../../access/limits/quota.js';
import { namedLimitsOf, type NamedLimitDto } from '../../access/limits/quota.dto.js';
import { refuseBeyond } from '../../access/not-above.js';
import { AuditLog } from '../../audit/chain/audit-log.js';
import { AppError } from '../../common/errors/app-error.js';
import { rolePermissions } from '../roles/workspace-role-lookup.js';
import { WorkspaceChanges } from '../workspace-changes.js';

/**
 * Limits shared by keys (API.md §15): a member's, counted over all of their keys in the
 * workspace, and the workspace's, over all of its keys. Each change commits as a workspace
 * change, so every instance's cached standing — which carries these lists to the hot path — is
 * forgotten at once.
 */
@Injectable()
export class SharedLimitsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditLog,
    private readonly changes: WorkspaceChanges,
  ) {}

  async ofWorkspace(workspace: CallWorkspace): Promise<NamedLimit[]> {
    const [row] = await this.db.query<Array<{ limits: NamedLimit[] }>>('SELECT limits FROM workspaces WHERE id = $1', [workspace.id]);
    return row.limits;
  }

  async ofMember(workspace: CallWorkspace, userId: string): Promise<NamedLimit[]> {
    const [row] = await this.db.query<Array<{ limits: NamedLimit[] }>>('SELECT limits FROM memberships WHERE workspace_id = $1 AND user_id = $2', [workspace.id, userId]);
    if (!row) throw new AppError('member.not_found');
    return row.limits;
  }

  async setForWorkspace(caller: Caller, workspace: CallWorkspace, requested: NamedLimitDto[]): Promise<NamedLimit[]> {
    const limits = checkedLimits(namedLimitsOf(requested));
    return this.changes.commit(workspace.id, async (manager) => {
      const [before] = await manager.query<Array<{ limits: NamedLimit[] }>>('SELECT limits FROM workspaces WHERE id = $1 FOR UPDATE', [workspace.id]);
      await manager.query('UPDATE workspaces SET limits = $2, updated_at = now() WHERE id = $1', [workspace.id, JSON.stringify(limits)]);
      await this.audit.recordIn(manager, callerEvent(caller, { type: 'workspace.limits_changed', details: { workspaceId: workspace.id, before: before.limits, after: limits } }));
      return limits;
    });
  }

  /** Not for a member whose role is above the caller's: as for changing their role. */
  async setForMember(caller: Caller, workspace: CallWorkspace, userId: string, requested: NamedLimitDto[]): Promise<NamedLimit[]> {
    const limits = checkedLimits(namedLimitsOf(requested));
    return this.changes.commit(workspace.id, async (manager) => {
      const [member] = await manager.query<Array<{ role: string; limits: NamedLimit[] }>>(
        'SELECT role_name AS role, limits FROM memberships WHERE workspace_id = $1 AND user_id = $2 FOR UPDATE',
        [workspace.id, userId],
      );
      if (!member) throw new AppError('member.not_found');
      refuseBeyond(caller, (await rolePermissions(manager, workspace.id, member.role)) ?? [], 'You cannot set limits on a member whose role is above yours');
      await manager.query('UPDATE memberships SET limits = $3 WHERE workspace_id = $1 AND user_id = $2', [workspace.id, userId, JSON.stringify(limits)]);
      await this.audit.recordIn(
        manager,
        callerEvent(caller, { type: 'member.limits_changed', details: { workspaceId: workspace.id, memberId: userId, before: member.limits, after: limits } }),
      );
      return limits;
    });
  }
}
